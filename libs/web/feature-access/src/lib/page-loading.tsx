import { Container, LoadingState, Skeleton } from '@plenary/web-ui';

/** Skeletons of a page whose data is on its way, announced politely. */
export function PageLoading({ label }: { label: string }) {
  return (
    <Container className="pa-page">
      <LoadingState label={label}>
        <div className="pa-skeleton-stack">
          <Skeleton width="8rem" />
          <Skeleton width="min(32rem, 90%)" height="2.25rem" />
          <Skeleton shape="block" width="min(42rem, 100%)" height="14rem" />
        </div>
      </LoadingState>
    </Container>
  );
}
