// Entry of the n8n community package (n8n-nodes-smartflo): its credential and nodes. n8n itself loads them
// from the files package.json's "n8n" section names.
export { SmartfloApi } from './credentials/SmartfloApi.credentials';
export { Smartflo } from './nodes/Smartflo/Smartflo.node';
export { SmartfloTrigger } from './nodes/Smartflo/SmartfloTrigger.node';
export { SmartfloCallRecordTrigger } from './nodes/Smartflo/SmartfloCallRecordTrigger.node';
