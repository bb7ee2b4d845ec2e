import type { Me } from '@plenary/contracts';
import { ApiRequestError, findMembership, getValidationIssues, useMe } from '@plenary/web-data-access';
import { Button, LinkButton, Notice, Tabs, TextField, useDocumentTitle } from '@plenary/web-ui';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { CheckinDb, StoredDevice } from './checkin-db';
import { formatTime, useCheckinTranslation, useFormatLocale } from './checkin-i18n';
import { CheckinStation, NoOfflineDataError } from './checkin-station';
import type { Candidate, ScanOutcome } from './checkin-station';
import { signalVerdict } from './feedback';
import { Scanner } from './scanner';
import { SearchPanel } from './search-panel';
import { useStaffDependencies } from './staff-dependencies';
import { VerdictScreen } from './verdict-screen';

/** The last event this phone checked people in at, for the installed app's start page (`/staff`). */
export const LAST_STAFF_EVENT_KEY = 'plenary.staff.lastEvent';

/** How often the offline list is refreshed online, and how often the server is probed while offline. */
const REFRESH_ONLINE_MS = 30_000;
const REFRESH_OFFLINE_MS = 5_000;

const TAB_KEY = 'plenary.staff.tab';

function readTab(): string {
  try {
    return sessionStorage.getItem(TAB_KEY) === 'search' ? 'search' : 'scan';
  } catch {
    return 'scan';
  }
}

/** `/e/:slug/staff`: the door staff's phone app. */
export function StaffAppPage() {
  const { slug = '' } = useParams();
  return <StaffApp slug={slug} />;
}

function isStaff(me: Me, slug: string): boolean {
  const roles = findMembership(me, slug)?.roles ?? [];
  return roles.includes('staff') || roles.includes('organiser');
}

/** Sign-in, device registration, gate, then the scanner — offline-capable once the device is set up. */
export function StaffApp({ slug }: { slug: string }) {
  const { t } = useCheckinTranslation();
  const deps = useStaffDependencies();
  // Opened and closed by the effect below (not in a memo: StrictMode's second effect run needs a fresh, open one).
  const [db, setDb] = useState<CheckinDb | null>(null);
  const [device, setDevice] = useState<StoredDevice | null | undefined>(undefined);
  const me = useMe();
  useDocumentTitle(t('documentTitle', { page: t('appName') }));

  useEffect(() => {
    deps.registerServiceWorker();
    try {
      localStorage.setItem(LAST_STAFF_EVENT_KEY, slug);
    } catch {
      // Private mode: the start page falls back to the event list.
    }
  }, [deps, slug]);

  useEffect(() => {
    const opened = deps.openDb(slug);
    let current = true;
    setDb(opened);
    opened.getDevice().then(
      (stored) => {
        if (current) setDevice(stored);
      },
      () => undefined, // closed before it answered: this effect was cleaned up
    );
    return () => {
      current = false;
      setDb(null);
      setDevice(undefined);
      opened.close();
    };
  }, [deps, slug]);

  const saveDevice = useCallback(
    async (next: StoredDevice | null) => {
      if (!db) return;
      await db.setDevice(next);
      setDevice(next);
    },
    [db],
  );

  let content;
  if (!db || device === undefined || (me.isPending && !device?.gate)) {
    content = (
      <p role="status" className="ck-loading">
        {t('loading')}
      </p>
    );
  } else if (me.data === null) {
    content = <SignInNeeded slug={slug} deviceKnown={device !== null} />;
  } else if (me.data && !isStaff(me.data, slug)) {
    content = <NotStaff me={me.data} slug={slug} />;
  } else if (!device) {
    content = me.data ? (
      <RegisterDevice slug={slug} onRegistered={saveDevice} />
    ) : (
      <Unreachable onRetry={() => void me.refetch()} />
    );
  } else if (!device.gate) {
    content = <GateForm device={device} onGate={(gate) => void saveDevice({ ...device, gate })} />;
  } else {
    content = (
      <Door
        key={`${device.deviceId}-${device.gate}`}
        slug={slug}
        db={db}
        device={{ ...device, gate: device.gate }}
        onChangeGate={() => void saveDevice({ ...device, gate: null })}
        onForget={() => void saveDevice(null)}
      />
    );
  }

  return (
    <div className="ck-app">
      <header className="ck-app__bar">
        <p className="ck-app__title">
          <span className="ck-app__name">{t('appName')}</span> <span className="ck-app__event">{slug}</span>
        </p>
      </header>
      <main id="main" className="ck-app__main">
        {content}
      </main>
    </div>
  );
}

function SignInNeeded({ slug, deviceKnown = false }: { slug: string; deviceKnown?: boolean }) {
  const { t } = useCheckinTranslation();
  return (
    <Notice
      title={t('signIn.title')}
      actions={
        <LinkButton to={`/sign-in?next=${encodeURIComponent(`/e/${slug}/staff`)}`}>
          {t('signIn.action')}
        </LinkButton>
      }
    >
      <p>{t('signIn.message')}</p>
      {deviceKnown && <p>{t('signIn.revokedHint')}</p>}
    </Notice>
  );
}

function NotStaff({ me, slug }: { me: Me; slug: string }) {
  const { t } = useCheckinTranslation();
  return (
    <Notice tone="warning" title={t('notStaff.title')}>
      <p>{t('notStaff.message', { name: me.person.name, event: slug })}</p>
    </Notice>
  );
}

function Unreachable({ onRetry }: { onRetry: () => void }) {
  const { t } = useCheckinTranslation();
  return (
    <Notice
      tone="error"
      title={t('unreachable.title')}
      actions={
        <Button variant="secondary" onClick={onRetry}>
          {t('unreachable.retry')}
        </Button>
      }
    >
      <p>{t('unreachable.message')}</p>
    </Notice>
  );
}

function RegisterDevice({
  slug,
  onRegistered,
}: {
  slug: string;
  onRegistered: (device: StoredDevice) => Promise<void>;
}) {
  const { t } = useCheckinTranslation();
  const { registerDevice } = useStaffDependencies();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const registered = await registerDevice(slug, name);
      await onRegistered({
        deviceId: registered.id,
        name: registered.name,
        gate: null,
        registeredAt: registered.createdAt,
      });
    } catch (failure) {
      const issue = getValidationIssues(failure)[0];
      setError(
        t('register.failed', {
          message: issue ? issue.message : failure instanceof Error ? failure.message : String(failure),
        }),
      );
      setBusy(false);
    }
  };

  return (
    <form className="ck-setup" onSubmit={(event) => void handleSubmit(event)}>
      <h1 className="ck-setup__title">{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <TextField
        id="ck-device-name"
        label={t('register.nameLabel')}
        hint={t('register.nameHint')}
        error={error}
        required
        maxLength={80}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <Button type="submit" size="lg" disabled={busy}>
        {t('register.submit')}
      </Button>
    </form>
  );
}

function GateForm({ device, onGate }: { device: StoredDevice; onGate: (gate: string) => void }) {
  const { t } = useCheckinTranslation();
  const [gate, setGate] = useState('');
  return (
    <form
      className="ck-setup"
      onSubmit={(event) => {
        event.preventDefault();
        if (gate.trim()) onGate(gate.trim());
      }}
    >
      <h1 className="ck-setup__title">{t('gate.title')}</h1>
      <p>{t('header.device', { name: device.name })}</p>
      <TextField
        id="ck-gate"
        label={t('gate.label')}
        hint={t('gate.hint')}
        required
        maxLength={40}
        value={gate}
        onChange={(event) => setGate(event.target.value)}
      />
      <Button type="submit" size="lg">
        {t('gate.submit')}
      </Button>
    </form>
  );
}

function useStation(slug: string, db: CheckinDb, device: StoredDevice & { gate: string }) {
  const deps = useStaffDependencies();
  const station = useMemo(
    () => new CheckinStation({ db, api: deps.api(slug), device }),
    [db, deps, slug, device],
  );
  const state = useSyncExternalStore(station.subscribe, station.getState);
  useEffect(() => {
    void station.start();
    const onOnline = () => void station.refresh();
    const onOffline = () => station.goOffline();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [station]);
  useEffect(() => {
    const timer = setInterval(
      () => void station.refresh(),
      state.mode === 'offline' ? REFRESH_OFFLINE_MS : REFRESH_ONLINE_MS,
    );
    return () => clearInterval(timer);
  }, [station, state.mode]);
  return { station, state };
}

function Door({
  slug,
  db,
  device,
  onChangeGate,
  onForget,
}: {
  slug: string;
  db: CheckinDb;
  device: StoredDevice & { gate: string };
  onChangeGate: () => void;
  onForget: () => void;
}) {
  const { t } = useCheckinTranslation();
  const locale = useFormatLocale();
  const deps = useStaffDependencies();
  // A stable device object, so the station is made once per device and gate.
  const stableDevice = useMemo(
    () => device,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [device.deviceId, device.gate],
  );
  const { station, state } = useStation(slug, db, stableDevice);
  // The chosen tab survives a reload (e.g. offline), so the camera does not start unasked.
  const [tab, setTabState] = useState(() => readTab());
  const setTab = useCallback((next: string) => {
    setTabState(next);
    try {
      sessionStorage.setItem(TAB_KEY, next);
    } catch {
      // Not kept.
    }
  }, []);
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const admit = useCallback(
    async (target: { payload: string } | { registrationId: string }) => {
      setBusy(true);
      setProblem(null);
      try {
        const result = await station.scan(target);
        signalVerdict(result.verdict);
        setOutcome(result);
      } catch (error) {
        if (error instanceof NoOfflineDataError) setProblem(t('verdict.noOfflineData'));
        else if (!(error instanceof ApiRequestError && (error.status === 401 || error.status === 403))) {
          setProblem(error instanceof Error ? error.message : String(error));
        }
      } finally {
        setBusy(false);
      }
    },
    [station, t],
  );

  const onCode = useCallback((payload: string) => void admit({ payload }), [admit]);
  const onAdmit = useCallback(
    (candidate: Candidate) => void admit({ registrationId: candidate.registrationId }),
    [admit],
  );

  if (state.status === 'revoked') {
    return (
      <Notice
        tone="error"
        role="alert"
        title={t('revoked.title')}
        actions={
          <Button variant="secondary" onClick={onForget}>
            {t('revoked.forget')}
          </Button>
        }
      >
        <p>{t('revoked.message')}</p>
      </Notice>
    );
  }
  if (state.status === 'signed-out') return <SignInNeeded slug={slug} deviceKnown />;

  const offline = state.mode === 'offline';
  return (
    <div className="ck-door">
      <div className="ck-door__where">
        <span>{t('header.gate', { gate: device.gate })}</span>
        <span className="ck-door__device">{t('header.device', { name: device.name })}</span>
        <Button variant="quiet" onClick={onChangeGate}>
          {t('gate.change')}
        </Button>
      </div>
      <section
        className={`ck-status ${offline ? 'ck-status--offline' : 'ck-status--online'}`}
        aria-label={offline ? t('status.offline') : t('status.online')}
      >
        <p className="ck-status__mode" role="status">
          <strong>{offline ? t('status.offline') : t('status.online')}</strong>
          {' · '}
          <span data-testid="queued-count">
            {state.queued > 0 ? t('status.queued', { count: state.queued }) : t('status.queueEmpty')}
          </span>
        </p>
        {offline && <p className="ck-status__explain">{t('status.offlineExplained')}</p>}
        <p className="ck-status__snapshot">
          {state.snapshot
            ? t('status.snapshot', {
                count: state.snapshot.registrations,
                time: formatTime(state.snapshot.syncedAt, locale),
              })
            : t('status.noSnapshot')}
        </p>
        {state.uploadFailed && <p className="ck-status__problem">{t('status.uploadFailed')}</p>}
        {state.lastUpload && (
          <p className="ck-status__upload" role="status">
            {t('status.uploaded', { count: state.lastUpload.uploaded })}{' '}
            {state.lastUpload.differing > 0 && (
              <>
                {t('status.differing', { count: state.lastUpload.differing })}{' '}
                <Link to={`/e/${slug}/organiser/checkin`}>{t('status.conflicts')}</Link>
              </>
            )}
          </p>
        )}
        {state.queued > 0 && !offline && (
          <Button variant="secondary" disabled={state.syncing} onClick={() => void station.refresh()}>
            {state.syncing ? t('status.syncing') : t('status.sync')}
          </Button>
        )}
      </section>
      {problem && (
        <Notice tone="error" role="alert">
          <p>{problem}</p>
        </Notice>
      )}
      <Tabs
        label={t('tabs.label')}
        idPrefix="ck-tabs"
        selectedId={tab}
        onSelect={setTab}
        items={[
          {
            id: 'scan',
            label: t('tabs.scan'),
            panel:
              tab === 'scan' ? (
                <Scanner
                  onCode={onCode}
                  paused={outcome !== null || busy}
                  createDetector={deps.createDetector}
                />
              ) : null,
          },
          {
            id: 'search',
            label: t('tabs.search'),
            panel: <SearchPanel station={station} offline={offline} onAdmit={onAdmit} busy={busy} />,
          },
        ]}
      />
      {outcome && (
        <VerdictScreen
          key={outcome.nonce}
          outcome={outcome}
          badgeHref={outcome.attendee ? `/e/${slug}/staff/badge/${outcome.attendee.registrationId}` : null}
          onNext={() => setOutcome(null)}
          onUndo={() => station.undo(outcome)}
        />
      )}
    </div>
  );
}
