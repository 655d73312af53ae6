import type { Audience } from '@ssb/domain/bases';
import type { EventKind } from '@ssb/domain/events';
import { REGISTRATION_SETTING_LIMITS } from '@ssb/domain/registration-input';
import type { EditableEvent, EventFieldsInput } from '#/api/events.ts';
import { fromBeijingInput, toBeijingInput } from '#/utils/beijing-time.ts';

/** The editor's fields as typed: times are Beijing wall-clock strings from the pickers. */
export type EventForm = {
  kind: EventKind;
  title: string;
  description: string;
  start: string;
  end: string;
  place: string;
  audiences: Audience[];
  capacity: number | null;
  bookingInfo: string;
  /** Registration on the platform; its window as Beijing wall-clock strings, empty for open-ended. */
  registrationEnabled: boolean;
  maxSeatsPerRegistration: number;
  registrationOpens: string;
  registrationCloses: string;
  /** Empty: freed seats are confirmed at once; a number: the next in line must accept within that many hours. */
  offerAcceptanceHours: number | null;
  personalDataDays: number;
};

export const emptyEventForm = (): EventForm => ({
  kind: 'lecture',
  title: '',
  description: '',
  start: '',
  end: '',
  place: '',
  audiences: [],
  capacity: null,
  bookingInfo: '',
  registrationEnabled: false,
  maxSeatsPerRegistration: 1,
  registrationOpens: '',
  registrationCloses: '',
  offerAcceptanceHours: null,
  personalDataDays: REGISTRATION_SETTING_LIMITS.personalDataDaysDefault,
});

export const eventToForm = (e: EditableEvent): EventForm => ({
  kind: e.kind,
  title: e.title,
  description: e.description,
  start: toBeijingInput(e.startsAt),
  end: toBeijingInput(e.endsAt),
  place: e.place,
  audiences: [...e.audiences],
  capacity: e.capacity,
  bookingInfo: e.bookingInfo,
  registrationEnabled: e.registrationEnabled,
  maxSeatsPerRegistration: e.maxSeatsPerRegistration,
  registrationOpens: e.registrationOpensAt ? toBeijingInput(e.registrationOpensAt) : '',
  registrationCloses: e.registrationClosesAt ? toBeijingInput(e.registrationClosesAt) : '',
  offerAcceptanceHours: e.offerAcceptanceHours,
  personalDataDays: e.personalDataDays,
});

export const formToInput = ({ start, end, capacity, registrationOpens, registrationCloses, offerAcceptanceHours, ...fields }: EventForm): EventFieldsInput => ({
  ...fields,
  offerAcceptanceHours: typeof offerAcceptanceHours === 'number' ? offerAcceptanceHours : null,
  registrationOpensAt: registrationOpens ? fromBeijingInput(registrationOpens) : null,
  registrationClosesAt: registrationCloses ? fromBeijingInput(registrationCloses) : null,
  startsAt: fromBeijingInput(start),
  endsAt: fromBeijingInput(end),
  // The number box gives undefined when cleared; no number means no limit.
  capacity: typeof capacity === 'number' ? capacity : null,
});
