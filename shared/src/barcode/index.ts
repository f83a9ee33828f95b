export * from './scan-types.js';
export { interpretScan } from './interpret-scan.js';
export { MAX_SCAN_LENGTH } from './scan-forms.js';
export { gs1CheckDigit, isValidGs1CheckDigit, withGs1CheckDigit } from './gs1-check-digit.js';
export { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, nhsNumberFromPatientGsrn, patientGsrn } from './nhs-number.js';
export { wristbandHri, type WristbandData, type WristbandLabel } from './wristband.js';
export { createWedgeDecoder, type WedgeDecoder, type WedgeDecoderOptions, type WedgeKeyEvent, type WedgeResult } from './wedge-decoder.js';
