export const FIRST_NAMES = [
	'Aarav',
	'Vivaan',
	'Aditya',
	'Vihaan',
	'Arjun',
	'Sai',
	'Reyansh',
	'Krishna',
	'Ishaan',
	'Rohan',
	'Ananya',
	'Diya',
	'Aadhya',
	'Saanvi',
	'Priya',
	'Kavya',
	'Meera',
	'Pooja',
	'Sneha',
	'Nandini',
	'Rahul',
	'Vikram',
	'Karthik',
	'Suresh',
	'Farhan',
	'Imran',
	'Gurpreet',
	'Harpreet',
	'Lakshmi',
	'Deepa',
] as const;

export const LAST_NAMES = [
	'Sharma',
	'Verma',
	'Iyer',
	'Nair',
	'Reddy',
	'Patel',
	'Shah',
	'Mehta',
	'Gupta',
	'Singh',
	'Kumar',
	'Das',
	'Banerjee',
	'Chatterjee',
	'Mukherjee',
	'Rao',
	'Pillai',
	'Menon',
	'Joshi',
	'Kulkarni',
	'Deshpande',
	'Khan',
	'Qureshi',
	'Gill',
	'Sandhu',
	'Bose',
	'Agarwal',
	'Malhotra',
	'Kapoor',
	'Naidu',
] as const;

export const DESIGNATIONS = ['Sales Executive', 'Support Associate', 'Relationship Manager', 'Team Lead', 'Collections Officer'] as const;

export const ROLES = {
	admin: { id: 1, name: 'Admin' },
	agent: { id: 2, name: 'Agent' },
	supervisor: { id: 3, name: 'Supervisor' },
	manager: { id: 4, name: 'Manager' },
} as const;

export const DEPARTMENTS = [
	{ name: 'sales', description: 'New enquiries and quotations', ringStrategy: 'order_by' },
	{ name: 'support', description: 'Order status, returns and complaints', ringStrategy: 'round_robin' },
	{ name: 'billing', description: 'Invoices and payment queries', ringStrategy: 'simultaneous' },
	{ name: 'escalations', description: 'Priority customers and escalated tickets', ringStrategy: 'random' },
] as const;

export const DIDS = [
	{ alias: 'Pilot', name: 'Main pilot number', description: 'Printed on invoices and the website' },
	{ alias: 'Sales', name: 'Sales line', description: 'Campaign landing pages' },
	{ alias: 'Support', name: 'Support hotline', description: 'Customer care' },
	{ alias: 'Billing', name: 'Billing desk', description: 'Payment reminders' },
] as const;

export const INBOUND_SERVICES = ['IVR', 'Department', 'Agent'] as const;
export const OUTBOUND_SERVICES = ['Click to call', 'Click to call support', 'Dialer', 'Broadcast'] as const;

export const IVRS = [
	{ name: 'main menu', description: 'Greeting on the pilot number: 1 sales, 2 support, 3 billing' },
	{ name: 'after hours', description: 'Closed message with a callback option' },
	{ name: 'campaign survey', description: 'Played to answered broadcast calls' },
] as const;

export const AUTO_ATTENDANTS = [
	{ name: 'welcome', description: 'Welcome message, then the sales department' },
	{ name: 'holiday', description: 'Holiday greeting, then hang up' },
] as const;

export const TIME_GROUPS = [
	{ name: 'business hours', days: ['mon', 'tue', 'wed', 'thu', 'fri'], fromTime: '09:00', toTime: '18:00' },
	{ name: 'saturday', days: ['sat'], fromTime: '10:00', toTime: '14:00' },
	{ name: 'campaign window', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], fromTime: '10:00', toTime: '19:00' },
] as const;

export const LEAD_LISTS = [
	{
		name: 'home loan leads',
		description: 'Website enquiries for home loans',
		leads: 14,
		customFields: ['Loan Amount', 'City', 'Preferred Language'],
	},
	{ name: 'renewals', description: 'Policies due for renewal this quarter', leads: 9, customFields: ['Policy Number', 'Due Date'] },
	{ name: 'webinar signups', description: 'Registered for the product webinar', leads: 0, customFields: [] },
] as const;

export const BROADCASTS = [
	{ name: 'home loan follow-up', description: 'Calls new home loan enquiries into the survey IVR', status: 0 },
	{ name: 'renewal reminder', description: 'Reminds customers of renewals', status: 1 },
	{ name: 'festive offer', description: 'Paused until the offer is approved', status: 2 },
] as const;

export const DIALER_CAMPAIGNS = [
	{ name: 'home loan callbacks', description: 'Agents preview each home loan lead before it is dialled', dialMethod: '1' },
	{ name: 'renewal drive', description: 'Renewals dialled two per free agent', dialMethod: '2' },
] as const;

export const CALL_NOTE_MESSAGES = [
	'Interested, asked for a quote by email',
	'Call back after 6 pm',
	'Wrong number, remove from the list',
	'Renewal confirmed, payment link sent',
	'Wants to speak to a branch manager',
	'Not interested for now',
	'Asked about the interest rate',
	'Complaint about a late delivery, escalated',
] as const;
