import { Matches } from 'class-validator';

/** Release channel names: lower-case letters, digits and dashes, as they appear in download URLs. */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export const IsChannel = () => Matches(CHANNEL_PATTERN, { message: 'channel must be lower-case letters, digits and dashes, starting with a letter' });
