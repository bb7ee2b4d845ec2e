import {
  API_PREFIX,
  CSRF_HEADER,
  errorEnvelopeSchema,
  managedSpeakerSchema,
  SPEAKER_PHOTO_FIELD,
} from '@plenary/contracts';
import type { ManagedSpeaker } from '@plenary/contracts';
import {
  ApiContractError,
  ApiNetworkError,
  ApiRequestError,
  apiRequest,
  parseRetryAfter,
} from './api-client';

export interface UploadSpeakerPhotoOptions {
  /** Called as the file goes up: bytes sent and the total (the multipart body's). */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

const photoPath = (slug: string, speakerId: string): string =>
  `/events/${encodeURIComponent(slug)}/programme/speakers/${encodeURIComponent(speakerId)}/photo`;

/**
 * PUT /api/events/:slug/programme/speakers/:speakerId/photo (organisers): sends the file as multipart/form-data and
 * resolves with the speaker, photo set. XMLHttpRequest rather than fetch, for upload progress. Rejects like
 * `apiRequest`: `ApiRequestError` (413 too large, 415 not JPEG/PNG/WebP, 422 unreadable…), `ApiNetworkError`,
 * `ApiContractError`; an abort through `signal` rejects with a DOMException named AbortError.
 */
export function uploadSpeakerPhoto(
  slug: string,
  speakerId: string,
  file: Blob,
  options: UploadSpeakerPhotoOptions = {},
): Promise<ManagedSpeaker> {
  const path = photoPath(slug, speakerId);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = (): void => xhr.abort();
    const done = (): void => options.signal?.removeEventListener('abort', abort);
    xhr.open('PUT', `${API_PREFIX}${path}`);
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (progress) => {
      if (progress.lengthComputable) options.onProgress?.(progress.loaded, progress.total);
    };
    xhr.onerror = () => {
      done();
      reject(new ApiNetworkError(path, { cause: new Error('upload failed') }));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.onload = () => {
      done();
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const envelope = errorEnvelopeSchema.safeParse(body);
        const retryAfter = parseRetryAfter(xhr.getResponseHeader('retry-after'));
        reject(
          new ApiRequestError(
            xhr.status,
            envelope.success
              ? envelope.data.error
              : {
                  code: xhr.status === 413 ? 'core/payload-too-large' : 'internal/unexpected',
                  message: `The server answered ${xhr.status}`,
                  requestId: xhr.getResponseHeader('x-request-id'),
                },
            retryAfter,
          ),
        );
        return;
      }
      const parsed = managedSpeakerSchema.safeParse(body);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiContractError(path, parsed.error.issues));
    };
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', abort);
    const form = new FormData();
    form.append(SPEAKER_PHOTO_FIELD, file, file instanceof File ? file.name : 'photo');
    xhr.send(form);
  });
}

/** DELETE …/speakers/:speakerId/photo (organisers): resolves with the speaker, without an uploaded photo. */
export function removeSpeakerPhoto(slug: string, speakerId: string): Promise<ManagedSpeaker> {
  return apiRequest('DELETE', photoPath(slug, speakerId), managedSpeakerSchema);
}
