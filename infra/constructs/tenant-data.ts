// The tenant's data and keys: one KMS key, one table, the two key secrets (created, or adopted when re-onboarding),
// and the retained record that says where they are once the stack is gone.
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { tableNameFor } from '../../functions/shared/table-design.js';
import { acknowledge } from '../nag.js';
import { KEY_SECRET_NAMES } from '../permissions.js';
import { names } from '../settings.js';
import { TenantTable } from './tenant-table.js';

/**
 * What a tenant stack keeps when it is deleted (the table, its key, the two key secrets), recorded in the retained
 * SSM parameter `/respite/tenants/<slug>/retained` (names.retainedParameter) so the runbook and the lifecycle
 * scripts can find the key after the alias has gone with the stack. Given back to the stack as `adopt` (from
 * tenants/retained/<slug>.json, written by `npm run tenant:reonboard`), the stack uses these instead of creating
 * them: that is how an offboarded organisation comes back with its data.
 */
export interface RetainedResources {
  tableName: string;
  keyArn: string;
  pseudonymKeyArn: string;
  signingKeysArn: string;
}

export class TenantData extends Construct {
  readonly key: kms.IKey;
  readonly table: { tableName: string; tableArn: string };
  readonly pseudonymKey: secrets.ISecret;
  readonly signingKeys: secrets.ISecret;

  constructor(scope: Construct, id: string, props: { slug: string; adopt?: RetainedResources }) {
    super(scope, id);
    const { slug, adopt } = props;
    const prefix = names.resourcePrefix(slug);
    if (adopt && adopt.tableName !== tableNameFor('respite-', slug))
      throw new Error(`tenants/retained/${slug}.json: tableName must be ${tableNameFor('respite-', slug)}`);
    this.key = adopt
      ? kms.Key.fromKeyArn(this, 'Key', adopt.keyArn)
      : new kms.Key(this, 'Key', {
          description: `Encrypts ${slug}'s table and keys`,
          enableKeyRotation: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
    // The alias goes with the stack (the key stays): the retained parameter below is how the key is found later.
    new kms.Alias(this, 'KeyAlias', { aliasName: `alias/${prefix}`, targetKey: this.key });
    this.table = adopt
      ? dynamodb.TableV2.fromTableAttributes(this, 'Table', { tableName: adopt.tableName, encryptionKey: this.key })
      : new TenantTable(this, 'Table', { tableName: tableNameFor('respite-', slug), key: this.key }).table;

    // The two keys (functions/shared/keyring.ts), read by each function at cold start and every few minutes after
    // (functions/shared/runtime.ts). Both are retained with the table: without the pseudonymisation key no lookup
    // item of a retained table can be found again.
    if (adopt) {
      this.pseudonymKey = secrets.Secret.fromSecretCompleteArn(this, 'PseudonymKey', adopt.pseudonymKeyArn);
      this.signingKeys = secrets.Secret.fromSecretCompleteArn(this, 'SigningKeys', adopt.signingKeysArn);
    } else {
      const created = new secrets.Secret(this, 'PseudonymKey', {
        secretName: `respite/${slug}/${KEY_SECRET_NAMES.pseudonym}`,
        description: `${slug}'s pseudonymisation key (email lookup, suppression list, rate-limit subjects). Never rotated in place; kept with the table.`,
        encryptionKey: this.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(
        created,
        'AwsSolutions-SMG4',
        'The pseudonymisation key is never rotated in place: every lookup item of the table is keyed by it (docs/deploy.md, Keys).',
      );
      const keyring = new secrets.Secret(this, 'SigningKeys', {
        secretName: `respite/${slug}/${KEY_SECRET_NAMES.signing}`,
        description: `${slug}'s signing keyring (sessions, unsubscribe, keep-account links, coach refs): {"kid","key","previous"?}`,
        encryptionKey: this.key,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ kid: 'k1' }),
          generateStringKey: 'key',
          passwordLength: 64,
          excludePunctuation: true,
          includeSpace: false,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(
        keyring,
        'AwsSolutions-SMG4',
        'Rotated by the runbook in docs/deploy.md (new kid, previous kept until its tokens expire, then dropped) by an operator, not on a timer: a Secrets Manager rotation Lambda would drop the previous key too early.',
      );
      this.pseudonymKey = created;
      this.signingKeys = keyring;
      // The record of what stays after `cdk destroy` (retained itself; an adopting stack finds it in place).
      const record: RetainedResources = {
        tableName: this.table.tableName,
        keyArn: this.key.keyArn,
        pseudonymKeyArn: this.pseudonymKey.secretArn,
        signingKeysArn: this.signingKeys.secretArn,
      };
      new ssm.StringParameter(this, 'RetainedRecord', {
        parameterName: names.retainedParameter(slug),
        description: `What ${slug}'s stack leaves behind when deleted (table, key, key secrets): read by tenant:reonboard and tenant:shred`,
        stringValue: Stack.of(this).toJsonString(record),
      }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    const stack = Stack.of(this);
    new CfnOutput(stack, 'PseudonymKeyArn', {
      value: this.pseudonymKey.secretArn,
      description: 'Secret holding the pseudonymisation key (retained with the table)',
    });
    new CfnOutput(stack, 'SigningKeysArn', {
      value: this.signingKeys.secretArn,
      description: 'Secret holding the signing keyring (retained with the table)',
    });
  }
}
