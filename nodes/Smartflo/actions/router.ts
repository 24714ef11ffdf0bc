import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SMARTFLO_CREDENTIAL_TYPE, passwordDaysLeft, readSmartfloCredentials } from '../../../src/n8n';
import { withItemIndex } from '../transport';
import { errorJson } from './common/errorJson';
import { isBatchOperation, isItemWithBinary } from './common/operation';
import { operationOf } from './resources';

/** Below this many days left, each run reminds the user that the Smartflo password expires. */
const PASSWORD_WARNING_DAYS = 7;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operationOf(resource, operation);
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}

	const items = this.getInputData();
	if (isBatchOperation(run)) {
		let output: INodeExecutionData[];
		try {
			output = await run.executeBatch.call(this, items);
		} catch (error) {
			throw withItemIndex(this.getNode(), error);
		}
		if (run.needsCredential !== false) await remindOfPasswordExpiry.call(this);
		return [output];
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run.execute.call(this, itemIndex);
			const resultItems = isItemWithBinary(result) ? [result] : this.helpers.returnJsonArray(result);
			output.push(...this.helpers.constructExecutionMetaData(resultItems, { itemData: { item: itemIndex } }));
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
				continue;
			}
			throw withItemIndex(this.getNode(), error, itemIndex);
		}
	}

	if (run.needsCredential !== false) await remindOfPasswordExpiry.call(this);
	return [output];
}

/** Smartflo expires passwords every 90 days; the last login said when. */
async function remindOfPasswordExpiry(this: IExecuteFunctions): Promise<void> {
	if (typeof this.addExecutionHints !== 'function') return;
	const credentials = readSmartfloCredentials(await this.getCredentials(SMARTFLO_CREDENTIAL_TYPE));
	const daysLeft = passwordDaysLeft(credentials);
	if (credentials.authMode !== 'password' || daysLeft === undefined || daysLeft >= PASSWORD_WARNING_DAYS) return;
	this.addExecutionHints({
		message:
			daysLeft === 0
				? 'The Smartflo password of this credential expires today. Change it in the Smartflo portal and update the credential, or logins will fail.'
				: `The Smartflo password of this credential expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}. Change it in the Smartflo portal and update the credential, or logins will start failing.`,
		location: 'outputPane',
	});
}
