// The tenant table's shape, shared by the CDK TenantStack and the local stack so they cannot drift.
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export const tableNameFor = (prefix: string, tenantId: string) => `${prefix}${tenantId}`;
