import type { ApiRoute } from '../context';
import { loginRoute, refreshRoute } from './auth';
import { broadcastRoute, broadcastsRoute, createBroadcastRoute, endBroadcastRoute, startBroadcastRoute } from './broadcasts';
import { callOptionsRoute, dialerDisconnectRoute } from './call-options';
import { callbacksRoute, scheduleCallbackRoute } from './callbacks';
import { callNotesRoute } from './call-notes';
import { callRecordsRoute } from './call-records';
import { clickToCallRoute } from './click-to-call';
import { clickToCallSupportRoute } from './click-to-call-support';
import { createDepartmentRoute, departmentsRoute } from './departments';
import { createCampaignRoute, updateCampaignRoute } from './dialer-campaigns';
import { sessionCallRoute } from './dialer-session';
import { hangupRoute } from './hangup';
import { addLeadRoute, addLeadsRoute, batchStatusRoute, deleteLeadRoute, dndLeadsRoute, leadListsRoute, leadsRoute } from './leads';
import { liveCallsRoute } from './live-calls';
import { myNumberRoute, updateMyNumberRoute } from './my-number';
import { recordingRoute } from './recordings';
import { autoAttendantsRoute, ivrsRoute, rolesRoute, timeGroupsRoute } from './routing';
import { createUserRoute, updateUserRoute } from './user-write';
import { userRoute, usersRoute } from './users';

export const API_ROUTES: readonly ApiRoute[] = [
	loginRoute,
	refreshRoute,
	clickToCallRoute,
	clickToCallSupportRoute,
	callRecordsRoute,
	liveCallsRoute,
	hangupRoute,
	usersRoute,
	userRoute,
	myNumberRoute,
	departmentsRoute,
	callOptionsRoute,
	dialerDisconnectRoute,
	createUserRoute,
	updateUserRoute,
	rolesRoute,
	updateMyNumberRoute,
	createDepartmentRoute,
	ivrsRoute,
	autoAttendantsRoute,
	timeGroupsRoute,
	// The literal /v1/broadcast/lists before /v1/broadcast/{id}: the first matching route wins.
	leadListsRoute,
	broadcastsRoute,
	broadcastRoute,
	createBroadcastRoute,
	startBroadcastRoute,
	endBroadcastRoute,
	addLeadRoute,
	addLeadsRoute,
	batchStatusRoute,
	leadsRoute,
	deleteLeadRoute,
	dndLeadsRoute,
	scheduleCallbackRoute,
	callbacksRoute,
	createCampaignRoute,
	updateCampaignRoute,
	sessionCallRoute,
	callNotesRoute,
	recordingRoute,
];
