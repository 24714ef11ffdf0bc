import type { ApiRoute } from '../context';
import { loginRoute, refreshRoute } from './auth';
import { callRecordsRoute } from './call-records';
import { clickToCallRoute } from './click-to-call';
import { clickToCallSupportRoute } from './click-to-call-support';
import { departmentsRoute } from './departments';
import { hangupRoute } from './hangup';
import { liveCallsRoute } from './live-calls';
import { myNumberRoute } from './my-number';
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
];
