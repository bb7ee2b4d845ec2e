import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/config.schema';
import { LocalMediaStore } from './local-media-store';
import { MEDIA_STORE, type MediaStore } from './media-store';
import { S3MediaStore } from './s3-media-store';

/** The media store `MEDIA_STORE` names, configured from the parsed config. */
export function createMediaStore(config: AppConfig): MediaStore {
  if (config.MEDIA_STORE === 's3') {
    const { S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
    // The schema requires them with MEDIA_STORE=s3; this narrows the types.
    if (!S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY)
      throw new Error('S3 media store misconfigured');
    return new S3MediaStore({
      bucket: S3_BUCKET,
      region: config.S3_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
    });
  }
  return new LocalMediaStore(resolve(config.MEDIA_DIR ?? resolve(config.PLENARY_DATA_DIR, 'media')));
}

export function mediaStoreProvider(config: AppConfig): Provider {
  return { provide: MEDIA_STORE, useFactory: () => createMediaStore(config) };
}
