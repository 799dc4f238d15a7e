import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { ALERT_PK } from '../functions/store/alert-state.ts';

/**
 * Lets a role read and write the alert-state items (`pk` = `ALERT`, functions/store/alert-state.ts)
 * and no other item of the store: one GetItem and one conditional PutItem per rule, with
 * `dynamodb:LeadingKeys` holding every key it names to that partition.
 */
export function grantAlertState(table: dynamodb.ITableV2, role: iam.Role): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    resources: [table.tableArn],
    conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ALERT_PK] } },
  }));
}
