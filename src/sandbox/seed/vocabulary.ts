export const FIRST_NAMES = [
	'Aarav', 'Vivaan', 'Aditya', 'Vihaan', 'Arjun', 'Sai', 'Reyansh', 'Krishna', 'Ishaan', 'Rohan',
	'Ananya', 'Diya', 'Aadhya', 'Saanvi', 'Priya', 'Kavya', 'Meera', 'Pooja', 'Sneha', 'Nandini',
	'Rahul', 'Vikram', 'Karthik', 'Suresh', 'Farhan', 'Imran', 'Gurpreet', 'Harpreet', 'Lakshmi', 'Deepa',
] as const;

export const LAST_NAMES = [
	'Sharma', 'Verma', 'Iyer', 'Nair', 'Reddy', 'Patel', 'Shah', 'Mehta', 'Gupta', 'Singh',
	'Kumar', 'Das', 'Banerjee', 'Chatterjee', 'Mukherjee', 'Rao', 'Pillai', 'Menon', 'Joshi', 'Kulkarni',
	'Deshpande', 'Khan', 'Qureshi', 'Gill', 'Sandhu', 'Bose', 'Agarwal', 'Malhotra', 'Kapoor', 'Naidu',
] as const;

export const DESIGNATIONS = [
	'Sales Executive', 'Support Associate', 'Relationship Manager', 'Team Lead', 'Collections Officer',
] as const;

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
