import '@livekit/components-styles';
import './stage-room.css';
import {
  CarouselLayout,
  ConnectionQualityIndicator,
  FocusLayout,
  FocusLayoutContainer,
  GridLayout,
  ParticipantContext,
  ParticipantTile,
  RoomAudioRenderer,
  RoomContext,
  TrackToggle,
  isTrackReference,
  useAudioPlayback,
  useIsRecording,
  useLocalParticipant,
  useLocalParticipantPermissions,
  useMediaDeviceSelect,
  useRoomContext,
  useTracks,
} from '@livekit/components-react';
import type { MediaRoom, StageState } from '@plenary/contracts';
import { ApiRequestError, createMediaToken } from '@plenary/web-data-access';
import { Button } from '@plenary/web-ui';
import {
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  VideoQuality,
  type RemoteTrackPublication,
} from 'livekit-client';
import { useEffect, useId, useRef, useState } from 'react';
import type { DeviceChoices } from './device-preview';
import { HandControls } from './hand-controls';
import { StageParticipants } from './stage-participants';
import { useStageTranslation } from './stage-i18n';
import { ScreenMessage } from './stage-screen';
import type { RoomConnection, RoomFailure, StageRole, StageScreen } from './stage-view';

/** LiveKit's protocol `TrackSource` values in `permissions.canPublishSources`. */
const SOURCE = { camera: 1, microphone: 2, screenShare: 3 } as const;

/** How long connecting to LiveKit may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 15_000;

export interface StageRoomProps {
  eventSlug: string;
  sessionId: string;
  room: MediaRoom;
  role: StageRole;
  stage: StageState | undefined;
  /** Devices chosen in the backstage check; null for attendees (they start with nothing published). */
  choices: DeviceChoices | null;
  screen: StageScreen;
  onConnection: (connection: RoomConnection) => void;
}

/** Why LiveKit closed the connection, in the stage's terms; null for our own disconnect. */
function failureOf(reason: DisconnectReason | undefined): RoomFailure | null {
  if (reason === DisconnectReason.CLIENT_INITIATED) return null;
  if (reason === DisconnectReason.DUPLICATE_IDENTITY) return { reason: 'duplicate' };
  if (reason === DisconnectReason.PARTICIPANT_REMOVED) return { reason: 'removed' };
  if (reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.ROOM_CLOSED) {
    return { reason: 'room-closed' };
  }
  // Signal lost for good, server shut down, join failure…: the video server is not reachable now.
  return { reason: 'unreachable' };
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * One LiveKit room of the stage (loaded lazily with livekit-client): fetches a token from the api (CSRF header
 * included), connects with adaptive stream and dynacast, reports the connection to the stage, and shows the
 * speakers, the screen share large, audio behind a "click to enable audio" gesture, device controls for those
 * who may publish, the viewer's quality choice and, for moderators, the participants.
 */
export default function StageRoom({
  eventSlug,
  sessionId,
  room: mediaRoom,
  role,
  stage,
  choices,
  screen,
  onConnection,
}: StageRoomProps) {
  const [room] = useState(() => new Room({ adaptiveStream: true, dynacast: true }));
  const report = useRef(onConnection);
  report.current = onConnection;
  const initialChoices = useRef(choices);

  useEffect(() => {
    let active = true;
    const tell = (connection: RoomConnection) => {
      if (active) report.current(connection);
    };
    const onDisconnected = (reason?: DisconnectReason) => {
      const failure = failureOf(reason);
      if (failure) tell({ status: 'failed', failure });
    };
    const onReconnecting = () => tell({ status: 'reconnecting' });
    const onReconnected = () => tell({ status: 'connected' });
    room.on(RoomEvent.Disconnected, onDisconnected);
    room.on(RoomEvent.Reconnecting, onReconnecting);
    room.on(RoomEvent.Reconnected, onReconnected);
    tell({ status: 'connecting' });
    void (async () => {
      let token;
      try {
        token = await createMediaToken(eventSlug, sessionId, mediaRoom);
      } catch (error) {
        tell({
          status: 'failed',
          failure: { reason: 'refused', code: error instanceof ApiRequestError ? error.code : 'network' },
        });
        return;
      }
      if (!active) return;
      try {
        await timeout(room.connect(token.server_url, token.participant_token), CONNECT_TIMEOUT_MS);
      } catch {
        if (active) {
          void room.disconnect();
          tell({ status: 'failed', failure: { reason: 'unreachable' } });
        }
        return;
      }
      if (!active) return;
      tell({ status: 'connected' });
      const chosen = initialChoices.current;
      if (chosen && room.localParticipant.permissions?.canPublish) {
        // Failing devices are shown by the toggles; the connection itself stays.
        await room.localParticipant
          .setMicrophoneEnabled(
            chosen.audioEnabled,
            chosen.audioDeviceId ? { deviceId: chosen.audioDeviceId } : {},
          )
          .catch(() => undefined);
        await room.localParticipant
          .setCameraEnabled(
            chosen.videoEnabled,
            chosen.videoDeviceId ? { deviceId: chosen.videoDeviceId } : {},
          )
          .catch(() => undefined);
      }
    })();
    return () => {
      active = false;
      room.off(RoomEvent.Disconnected, onDisconnected);
      room.off(RoomEvent.Reconnecting, onReconnecting);
      room.off(RoomEvent.Reconnected, onReconnected);
      void room.disconnect();
    };
  }, [room, eventSlug, sessionId, mediaRoom]);

  if (screen !== 'live' && screen !== 'backstage' && screen !== 'reconnecting') {
    return <ScreenMessage screen="connecting" />;
  }
  return (
    <RoomContext.Provider value={room}>
      <div className="st-room" data-lk-theme="default">
        {screen === 'reconnecting' && <ScreenMessage screen="reconnecting" />}
        <RoomBar recording={stage?.recording ?? false} />
        <StageVideo />
        <RoomAudioRenderer />
        <PublisherControls />
        {mediaRoom === 'main' && role === 'attendee' && (
          <HandControls eventSlug={eventSlug} sessionId={sessionId} />
        )}
        {role === 'moderator' && (
          <StageParticipants eventSlug={eventSlug} sessionId={sessionId} mediaRoom={mediaRoom} />
        )}
      </div>
    </RoomContext.Provider>
  );
}

type Quality = 'full' | 'low' | 'audio';

/** Recording indicator, "click to enable audio", the viewer's quality choice and the own connection quality. */
function RoomBar({ recording }: { recording: boolean }) {
  const { t } = useStageTranslation();
  const id = useId();
  const isRecording = useIsRecording();
  const { canPlayAudio, startAudio } = useAudioPlayback();
  const { localParticipant } = useLocalParticipant();
  const [quality, setQuality] = useQuality();
  return (
    <div className="st-room__bar">
      {(recording || isRecording) && (
        <span className="st-recording" role="status">
          <span className="st-recording__dot" aria-hidden="true" />
          {t('badge.recording')}
        </span>
      )}
      {!canPlayAudio && (
        <Button onClick={() => void startAudio()} className="st-room__audio">
          {t('room.startAudio')}
        </Button>
      )}
      <div className="st-room__quality">
        <label htmlFor={`${id}-quality`}>{t('room.quality.label')}</label>
        <select
          id={`${id}-quality`}
          className="pl-input"
          value={quality}
          onChange={(event) => setQuality(event.target.value as Quality)}
        >
          <option value="full">{t('room.quality.full')}</option>
          <option value="low">{t('room.quality.low')}</option>
          <option value="audio">{t('room.quality.audio')}</option>
        </select>
      </div>
      <span className="st-room__connection">
        <span className="pl-visually-hidden">{t('room.myConnection')}</span>
        <ParticipantContext.Provider value={localParticipant}>
          <ConnectionQualityIndicator />
        </ParticipantContext.Provider>
      </span>
      {quality === 'audio' && <p className="st-room__note">{t('room.audioOnlyNote')}</p>}
    </div>
  );
}

/**
 * The viewer's bandwidth choice, applied to every remote video publication now and as they come: full (adaptive
 * stream picks the layer), low (the lowest simulcast layer), audio only (video unsubscribed).
 */
function useQuality(): [Quality, (quality: Quality) => void] {
  const [quality, setQuality] = useState<Quality>('full');
  const room = useRoomContext();
  useEffect(() => {
    const applyTo = (publication: RemoteTrackPublication) => {
      if (publication.kind !== Track.Kind.Video) return;
      if (quality === 'audio') {
        publication.setSubscribed(false);
        return;
      }
      publication.setSubscribed(true);
      publication.setVideoQuality(quality === 'low' ? VideoQuality.LOW : VideoQuality.HIGH);
    };
    const applyAll = () => {
      for (const participant of room.remoteParticipants.values()) {
        for (const publication of participant.trackPublications.values()) applyTo(publication);
      }
    };
    applyAll();
    room.on(RoomEvent.TrackPublished, applyTo);
    return () => {
      room.off(RoomEvent.TrackPublished, applyTo);
    };
  }, [quality, room]);
  return [quality, setQuality];
}

/** Speakers' cameras in a grid (the active speaker highlighted), a screen share large with the cameras beside it. */
function StageVideo() {
  const { t } = useStageTranslation();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  // Only those who may publish are on stage: watching attendees get no tile.
  const onStage = tracks.filter(
    (track) => track.source === Track.Source.ScreenShare || track.participant.permissions?.canPublish,
  );
  const screenShare = onStage.find(
    (track) => track.source === Track.Source.ScreenShare && isTrackReference(track),
  );
  return (
    <div className="st-video" role="region" aria-label={t('room.region')}>
      {onStage.length === 0 ? (
        <p className="st-video__empty">{t('room.waiting')}</p>
      ) : screenShare && isTrackReference(screenShare) ? (
        <FocusLayoutContainer className="st-video__focus">
          <CarouselLayout tracks={onStage.filter((track) => track !== screenShare)}>
            <ParticipantTile />
          </CarouselLayout>
          <FocusLayout trackRef={screenShare} />
        </FocusLayoutContainer>
      ) : (
        <GridLayout tracks={onStage} className="st-video__grid">
          <ParticipantTile />
        </GridLayout>
      )}
    </div>
  );
}

/** Camera, microphone (and screen share where granted) toggles with device pickers, for those who may publish. */
function PublisherControls() {
  const { t } = useStageTranslation();
  const permissions = useLocalParticipantPermissions();
  if (!permissions?.canPublish) return null;
  const sources = permissions.canPublishSources;
  const may = (source: number) => sources.length === 0 || sources.includes(source);
  return (
    <section className="st-devices" aria-label={t('room.devices.title')}>
      <div className="st-devices__toggles">
        {may(SOURCE.microphone) && (
          <TrackToggle
            source={Track.Source.Microphone}
            className="pl-button pl-button--secondary pl-button--md"
          >
            {t('room.devices.microphone')}
          </TrackToggle>
        )}
        {may(SOURCE.camera) && (
          <TrackToggle source={Track.Source.Camera} className="pl-button pl-button--secondary pl-button--md">
            {t('room.devices.camera')}
          </TrackToggle>
        )}
        {may(SOURCE.screenShare) && (
          <TrackToggle
            source={Track.Source.ScreenShare}
            className="pl-button pl-button--secondary pl-button--md"
          >
            {t('room.devices.screenShare')}
          </TrackToggle>
        )}
      </div>
      <div className="st-devices__selects">
        <DeviceSelect kind="audioinput" label={t('room.devices.microphoneSelect')} />
        <DeviceSelect kind="videoinput" label={t('room.devices.cameraSelect')} />
      </div>
    </section>
  );
}

/** A native select over LiveKit's device list (keyboard and screen-reader friendly). */
function DeviceSelect({ kind, label }: { kind: MediaDeviceKind; label: string }) {
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  if (devices.length === 0) return null;
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="pl-input"
        value={activeDeviceId}
        onChange={(event) => void setActiveMediaDevice(event.target.value)}
      >
        {devices.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
