import type { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { defaults } from './defaults.ts';

export interface ComputeNetworkProps {
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * Where the compute task runs: a VPC of its own, as the rest of the stack has none. Public subnets
 * and a public address for the task instead of private subnets behind a NAT gateway or interface
 * endpoints, each of which costs by the hour while compute runs for minutes a day. Nothing can
 * reach the task: its security group admits nothing and lets out only HTTPS, all it speaks (the
 * AWS APIs and the image registry). The bulk of the traffic, the store's reads, the documents'
 * writes and the image's layers, goes through free gateway endpoints for DynamoDB and S3 rather
 * than the internet gateway. Every flow is logged.
 */
export class ComputeNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ComputeNetworkProps = {}) {
    super(scope, id);
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.logRetention ?? defaults.logRetention,
      removalPolicy: props.logRemovalPolicy ?? defaults.dataRemovalPolicy,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      // One task at a time: two /26 subnets leave room to spare.
      ipAddresses: ec2.IpAddresses.cidr('10.80.0.0/24'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 26 }],
      gatewayEndpoints: {
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
      flowLogs: { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup), trafficType: ec2.FlowLogTrafficType.ALL } },
      // Restricting the default group takes a custom-resource Lambda; nothing is ever placed in it.
      restrictDefaultSecurityGroup: false,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'TaskSecurityGroup', {
      vpc: this.vpc,
      description: 'pmpulse compute task: no inbound; outbound HTTPS to the AWS APIs and the image registry',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the AWS APIs (DynamoDB, S3, Secrets Manager, CloudWatch Logs, ECR)');
  }

  get subnets(): ec2.SubnetSelection {
    return { subnetType: ec2.SubnetType.PUBLIC };
  }
}
