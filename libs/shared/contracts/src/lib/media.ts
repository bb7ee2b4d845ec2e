import { z } from 'zod';
import { entityIdSchema, eventSlugSchema, sessionStateSchema } from './programme';

// ---------------------------------------------------------------------------------------------------------------
// Rooms and tokens

/** The two LiveKit rooms of a session: the stage everyone watches and the backstage (green room). */
export const MEDIA_ROOMS = ['main', 'backstage'] as const;
export const mediaRoomSchema = z.enum(MEDIA_ROOMS);
export type MediaRoom = z.infer<typeof mediaRoomSchema>;

/** Suffix of the backstage room name: `<sessionId>.backstage`. The main room is named by the session id alone. */
export const BACKSTAGE_ROOM_SUFFIX = '.backstage';

/**
 * Body of `POST …/media-token`. Optional: `{}` (or no body) asks for the main room. Other fields a LiveKit token
 * source sends (`room_name`, `participant_identity`, …) are ignored: the server decides room and identity.
 */
export const mediaTokenRequestSchema = z
  .object({ room: mediaRoomSchema.default('main') })
  .optional()
  .transform((body) => body ?? { room: 'main' as const });
export type MediaTokenRequest = z.input<typeof mediaTokenRequestSchema>;

/** LiveKit's standard token-endpoint response. */
export const mediaTokenResponseSchema = z.object({
  server_url: z.string(),
  participant_token: z.string(),
});
export type MediaTokenResponse = z.infer<typeof mediaTokenResponseSchema>;

/** The role a participant has in a room, derived from the event roles; carried in the participant metadata. */
export const MEDIA_ROLES = ['attendee', 'speaker', 'moderator', 'staff'] as const;
export const mediaRoleSchema = z.enum(MEDIA_ROLES);
export type MediaRole = z.infer<typeof mediaRoleSchema>;

/** JSON in LiveKit's `participant.metadata`; `onStage` is true for an attendee invited to speak. */
export const participantMetadataSchema = z.object({ role: mediaRoleSchema, onStage: z.boolean() });
export type ParticipantMetadata = z.infer<typeof participantMetadataSchema>;

/** A LiveKit participant identity issued by Plenary: opaque, per person and event. */
export const mediaIdentitySchema = z.string().regex(/^p[A-Za-z0-9_-]{22}$/, 'is not a participant identity');

// ---------------------------------------------------------------------------------------------------------------
// Stage

export const stageStateSchema = z.object({
  sessionId: entityIdSchema,
  state: sessionStateSchema,
  /** The moderator opened the backstage: speakers may join it. */
  backstageOpen: z.boolean(),
  /** A room-composite recording is running (participants show the recording indicator). */
  recording: z.boolean(),
  /** Recording can be started: egress is configured and the session is not confidential. */
  recordingAvailable: z.boolean(),
  confidential: z.boolean(),
});
export type StageState = z.infer<typeof stageStateSchema>;

export const HAND_STATUSES = ['raised', 'invited', 'on_stage'] as const;
export const handStatusSchema = z.enum(HAND_STATUSES);
export type HandStatus = z.infer<typeof handStatusSchema>;

/** The signed-in person's own hand in a session. */
export const myHandSchema = z.object({ status: z.enum(['none', ...HAND_STATUSES]) });
export type MyHand = z.infer<typeof myHandSchema>;

/** `stage:hands-changed`, to the session's moderators: the raise-hand queue changed, fetch it again. */
export interface HandsChangedEvent {
  sessionId: string;
}

/** `stage:my-hand`, to one person's sockets: their hand in a session changed (an invitation arrived, …). */
export interface MyHandChangedEvent {
  sessionId: string;
  status: MyHand['status'];
}

/** One entry of the moderator's raise-hand queue, oldest first. */
export const handEntrySchema = z.object({
  identity: mediaIdentitySchema,
  name: z.string(),
  status: handStatusSchema,
  raisedAt: z.iso.datetime({ offset: true }),
});
export type HandEntry = z.infer<typeof handEntrySchema>;

export const handQueueSchema = z.object({ hands: z.array(handEntrySchema) });
export type HandQueue = z.infer<typeof handQueueSchema>;

/** Target of a moderator action: the participant's LiveKit identity, as the moderator's client sees it. */
export const stageTargetSchema = z.object({ identity: mediaIdentitySchema });
export type StageTarget = z.infer<typeof stageTargetSchema>;

export const muteTrackSchema = z.object({
  identity: mediaIdentitySchema,
  trackSid: z.string().min(1).max(64),
  muted: z.boolean().default(true),
  room: mediaRoomSchema.default('main'),
});
export type MuteTrack = z.input<typeof muteTrackSchema>;

export const removeParticipantSchema = z.object({
  identity: mediaIdentitySchema,
  room: mediaRoomSchema.default('main'),
});
export type RemoveParticipant = z.input<typeof removeParticipantSchema>;

export const banParticipantSchema = z.object({
  identity: mediaIdentitySchema,
  reason: z.string().trim().max(500).optional(),
});
export type BanParticipant = z.input<typeof banParticipantSchema>;

export const mediaBanSchema = z.object({
  identity: mediaIdentitySchema,
  name: z.string(),
  sessionId: entityIdSchema.nullable(),
  reason: z.string().nullable(),
  bannedAt: z.iso.datetime({ offset: true }),
});
export type MediaBan = z.infer<typeof mediaBanSchema>;
export const mediaBanListSchema = z.object({ bans: z.array(mediaBanSchema) });
export type MediaBanList = z.infer<typeof mediaBanListSchema>;

export const mediaBanParamsSchema = z.object({ slug: eventSlugSchema, identity: mediaIdentitySchema });

/** Answer of the LiveKit webhook endpoint; `duplicate` when the event id was already processed. */
export const webhookReceiptSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
