// The tenant's single DynamoDB table, shaped by functions/shared/table-design.ts (the same design the local stack
// creates), encrypted with the tenant's own customer-managed key.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/shared/table-design.js';

export interface TenantTableProps {
  tableName: string;
  key: kms.IKey;
}

export class TenantTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: TenantTableProps) {
    super(scope, id);
    const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: str(TABLE_DESIGN.partitionKey),
      sortKey: str(TABLE_DESIGN.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(props.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      // Offboarding deletes data deliberately (docs/deploy.md); a stack delete must never do it by accident.
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_DESIGN.globalIndexes.map((gsi) => ({
        indexName: gsi.name,
        partitionKey: str(gsi.partitionKey),
        sortKey: str(gsi.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }
}
