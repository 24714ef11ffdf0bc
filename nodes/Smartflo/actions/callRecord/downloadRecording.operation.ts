import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import {
	DEFAULT_RECORDING_MAX_MB,
	DEFAULT_RECORDING_TIMEOUT_MS,
	RECORDING_TIMEOUT_MS_LIMIT,
	megabytes,
	RECORDING_MAX_MB_LIMIT,
	recordingDownloadPolicy,
	RecordingSettingError,
	SMARTFLO_RECORDING_HOSTS,
	type RecordingDownloadPolicy,
} from '../../../../src/api/recording-download';
import { downloadSignedFile, listEndpoint, smartfloCredentials } from '../../transport';
import type { ItemWithBinary } from '../common/operation';
import { showFor } from '../common/operation';
import { callIdField } from '../common/pickers';

const show = (extra = {}) => showFor('callRecord', 'downloadRecording', extra);

/** File extensions of the audio types Smartflo's recordings come as. */
const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
};
const DEFAULT_MIME_TYPE = 'audio/mpeg';
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_RECORDING_TIMEOUT_MS / 1000;

export const description: INodeProperties[] = [
	{
		displayName: 'Recording Of',
		name: 'recordingOf',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Call Record',
				value: 'callRecord',
				description: 'The call record in the input item (its recording_url), e.g. from Get Many or a webhook',
			},
			{ name: 'Call ID', value: 'callId', description: 'Look up the record of a call by its call_id first (one more request)' },
		],
		default: 'callRecord',
		displayOptions: show(),
	},
	{
		displayName: 'Recording URL',
		name: 'recordingUrl',
		type: 'string',
		default: '={{ $json.recording_url }}',
		required: true,
		description: 'The pre-signed recording_url of the call record. It is a secret: the node never outputs it or puts it in an error.',
		displayOptions: show({ recordingOf: ['callRecord'] }),
	},
	callIdField(show({ recordingOf: ['callId'] }), 'The call_id of an answered call; its record appears a few seconds after the call ends'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: show(),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Allowed Hosts',
				name: 'allowedHosts',
				type: 'string',
				default: '',
				placeholder: 'recordings.example.com, *.example.net',
				description: `Hosts to download from besides Smartflo’s (${SMARTFLO_RECORDING_HOSTS.join(', ')}) and the credential’s Base URL host, comma-separated. A host means HTTPS on its default port; add :port for another port, http:// for plain HTTP, *. for every subdomain. Redirects are followed only to these hosts.`,
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'The file’s name; default: the call ID with the recording’s extension',
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: RECORDING_MAX_MB_LIMIT },
				default: DEFAULT_RECORDING_MAX_MB,
				description: `A larger recording is refused, and its download stops at this size (1 MB = 1,048,576 bytes). Default ${DEFAULT_RECORDING_MAX_MB}, at most ${RECORDING_MAX_MB_LIMIT}.`,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: RECORDING_TIMEOUT_MS_LIMIT / 1000 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'How long the whole download may take, redirects included',
			},
		],
	},
];

/**
 * The recording as binary data (fetched with n8n's request helper, no token: the link is pre-signed).
 * The JSON is the call record without its `recording_url`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemWithBinary> {
	const record = await callRecordOf.call(this, itemIndex);
	const url = record.recording_url;
	const { recording_url: _secret, ...json } = record;
	if (typeof url !== 'string' || url.trim() === '' || url.trim().startsWith('$')) {
		throw new NodeOperationError(this.getNode(), 'This call record has no recording', {
			itemIndex,
			description: `Smartflo records answered calls only${json.status ? ` (this call: ${String(json.status).slice(0, 20)})` : ''}, and only where call recording is on. Filter the call records with Call Type → Answered first.`,
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const file = await downloadSignedFile.call(this, url.trim(), itemIndex, await policyOf.call(this, options, itemIndex));
	const mimeType = file.mimeType ?? DEFAULT_MIME_TYPE;
	const callId = typeof json.call_id === 'string' && json.call_id !== '' ? json.call_id : 'recording';
	const fileName = String(options.fileName || `${callId.replace(/[^\w.-]/g, '_')}.${EXTENSIONS[mimeType] ?? 'mp3'}`);
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	return { json, binary: { [binaryPropertyName]: await this.helpers.prepareBinaryData(file.bytes, fileName, mimeType) } };
}

const SETTING_FIXES: Record<RecordingSettingError['setting'], string> = {
	allowedHosts: 'Fix Options → Allowed Hosts.',
	maxBytes: 'Fix Options → Max File Size (MB).',
	maxRedirects: 'Report this: the node sets the number of redirects itself.',
	timeoutMs: 'Fix Options → Timeout (Seconds).',
	baseUrl: 'Fix the Base URL in the Smartflo credential.',
};

/** Where the recording may come from and how large it may be: the node's options and the credential's Base URL. */
async function policyOf(this: IExecuteFunctions, options: IDataObject, itemIndex: number): Promise<RecordingDownloadPolicy> {
	const { baseUrl } = await smartfloCredentials.call(this, itemIndex);
	const maxMb = options.maxFileSizeMb ?? DEFAULT_RECORDING_MAX_MB;
	const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
	try {
		return recordingDownloadPolicy({
			baseUrl,
			allowedHosts: typeof options.allowedHosts === 'string' ? options.allowedHosts : '',
			maxBytes: megabytes(Number(maxMb)),
			timeoutMs: Math.round(Number(timeoutSeconds) * 1000),
		});
	} catch (error) {
		const description = error instanceof RecordingSettingError ? SETTING_FIXES[error.setting] : undefined;
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex, description });
	}
}

/** The input item's call record with the URL the parameter gives, or the record Smartflo has for the call ID. */
async function callRecordOf(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (this.getNodeParameter('recordingOf', itemIndex) !== 'callId') {
		const input = this.getInputData()[itemIndex]?.json ?? {};
		return { ...input, recording_url: this.getNodeParameter('recordingUrl', itemIndex, '') as IDataObject[string] };
	}
	const callId = String(this.getNodeParameter('callId', itemIndex) ?? '').trim();
	const records = await listEndpoint.call(this, SMARTFLO_ENDPOINTS.callRecord.getMany, { call_id: callId }, 100, itemIndex);
	// Checked here: were the filter ignored, the newest record would be another call's.
	const record = records.find((entry) => entry.call_id === callId);
	if (!record) {
		throw new NodeOperationError(this.getNode(), `Smartflo has no call record for call_id ${callId.slice(0, 60)}`, {
			itemIndex,
			description:
				'Records appear a few seconds after a call ends, and a ref_id is not a call_id. Try again shortly, or use Call Record → Get Many.',
		});
	}
	return record;
}
