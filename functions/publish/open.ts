import type { ReportsConfig } from '../config/schema.ts';
import { createDirReportStore } from './dir-report-store.ts';
import type { ReportStore } from './report-store.ts';
import { createS3ReportStore, type S3ReportStoreOptions } from './s3-report-store.ts';

/** The report store the configuration names. `s3` lets a caller supply credentials or a client. */
export function openReportStore(config: ReportsConfig, s3: Pick<S3ReportStoreOptions, 'credentials' | 'client'> = {}): ReportStore {
  switch (config.type) {
    case 'dir':
      return createDirReportStore(config.dir);
    case 's3':
      return createS3ReportStore({
        bucket: config.bucket,
        prefix: config.prefix,
        ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        ...(config.region === undefined ? {} : { region: config.region }),
        ...s3,
      });
  }
}
