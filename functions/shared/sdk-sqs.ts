// The parts of the SQS SDK we use, for clients.ts to import on first use (see sdk-ses.ts for why).
export { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
