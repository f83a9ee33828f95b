/**
 * Each ward's standard administration times (issue 13): the clock times an
 * imported order given as a count a day, an even interval or a time of day
 * (timing.when) is charted at. JSON of shared RoundTimes; NULL: the ward has
 * set none and the trust defaults apply.
 */
export const name = 'ward-round-times';

export const sql = /* sql */ `
ALTER TABLE wards ADD COLUMN round_times TEXT;
`;
