import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableKeySchema } from '../functions/store/table.ts';
import { defaults } from './defaults.ts';

export interface PipelineTableProps {
  /**
   * Refuse to delete the table (CloudFormation and API alike).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The one DynamoDB table of the store: the same keys `ensureTable` creates locally. */
export class PipelineTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: PipelineTableProps = {}) {
    super(scope, id);
    const { partitionKey, sortKey } = tableKeySchema;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: partitionKey.name, type: dynamodb.AttributeType.STRING },
      sortKey: { name: sortKey.name, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection ?? defaults.deletionProtection,
      removalPolicy: props.removalPolicy ?? defaults.dataRemovalPolicy,
    });
  }
}
