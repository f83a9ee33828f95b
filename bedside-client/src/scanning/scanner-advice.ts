/*
 * The set-up page's words for each finding: what the scanner does, and
 * exactly what to change on it. Setting names differ by maker; the usual
 * ones are given so a ward can find them in the scanner's programming guide.
 */
import { LAYOUT_NAMES } from './keyboard-layouts.js';
import type { CharExample, Finding } from './learn-scanner-profile.js';

/** `must`: scans will be misread until it is changed. `should`: Wardscan copes on this handheld, but change it. */
export type Severity = 'ok' | 'should' | 'must';

export interface Advice {
  severity: Severity;
  /** What the scanner does. */
  title: string;
  /** What to change on the scanner, in words. */
  fix?: string;
}

const quoted = (text: string) => `“${text}”`;
const examplesText = (examples: readonly CharExample[]) =>
  examples.map(({ meant, received }) => `${quoted(meant)} arrived as ${quoted(received)}`).join(', ');

/** How a suffix or a GS substitute looks on screen: control characters by name. */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u001f]/g, (c) => (c === '\u001d' ? '⟨GS⟩' : `⟨${c.charCodeAt(0)}⟩`));
}

export function adviceFor(finding: Finding): Advice {
  switch (finding.kind) {
    case 'layout-corrected': {
      const scanner = finding.scanner ? LAYOUT_NAMES[finding.scanner] : 'another';
      const host = finding.host ? LAYOUT_NAMES[finding.host] : 'this handheld’s';
      return {
        severity: 'should',
        title: `The scanner types in a ${scanner} keyboard layout, but this handheld’s keyboard is ${finding.host ? `set to ${host}` : 'set differently'}: ${examplesText(finding.examples)}. Wardscan corrects this on this handheld.`,
        fix: `Set the scanner’s keyboard layout (“Keyboard country” or “Country code”) to ${finding.host ? host : 'the one this handheld uses'}, so that every computer reads it right.`,
      };
    }
    case 'layout-partial':
      return {
        severity: 'must',
        title: `The scanner and this handheld use different keyboard layouts (${examplesText(finding.examples)}), and Wardscan cannot tell which. Characters that are not on the test symbol may arrive changed.`,
        fix: 'Set the scanner’s keyboard layout (“Keyboard country” or “Country code”) to the same as this handheld’s keyboard, then scan the test symbol again.',
      };
    case 'gs-ok':
      return { severity: 'ok', title: `The group separator (GS, ASCII 29) arrives as ${finding.shown}.` };
    case 'gs-substitute':
      return finding.safe
        ? {
            severity: 'should',
            title: `The scanner sends ${quoted(visibleText(finding.text))} in place of the group separator (GS). Wardscan reads it as GS on this handheld.`,
            fix: 'Set the scanner to send GS as ASCII 29 (turn off the FNC1/GS substitution), so every computer reads it.',
          }
        : {
            severity: 'must',
            title: `The scanner sends ${quoted(visibleText(finding.text))} in place of the group separator (GS), and that can also be part of a batch or serial number.`,
            fix: 'Set the scanner to send GS as ASCII 29 (turn off the FNC1/GS substitution), then scan the test symbol again.',
          };
    case 'gs-key':
      return {
        severity: 'should',
        title: `The scanner presses ${finding.key} for the group separator (GS). Wardscan reads it as GS on this handheld.`,
        fix: 'Set the scanner to send GS as ASCII 29 (as Ctrl+] in keyboard mode), not as a function key.',
      };
    case 'gs-missing':
      return {
        severity: 'must',
        title: 'The scanner sends nothing for the group separator (GS, ASCII 29), so a batch number runs into the expiry or serial number after it.',
        fix: 'Turn on “Transmit GS / FNC1 as ASCII 29” (also called “Function code transmit” or “Control characters: Ctrl+]”) in the scanner’s settings, then scan the test symbol again.',
      };
    case 'aim-on':
      return { severity: 'ok', title: `The scanner sends AIM symbology identifiers (${finding.identifier} for GS1 DataMatrix).` };
    case 'aim-off':
      return {
        severity: 'should',
        title: 'The scanner does not say what kind of barcode it read (no AIM symbology identifier): Wardscan has to tell from the content.',
        fix: 'Turn on “AIM symbology identifier” (also called “AIM ID” or “Code ID: AIM”) in the scanner’s settings.',
      };
    case 'prefix':
      return { severity: 'ok', title: `The scanner sends ${quoted(finding.shown)} before every barcode: Wardscan removes it.` };
    case 'suffix':
      return { severity: 'ok', title: `The scanner sends ${quoted(finding.shown)} after every barcode: Wardscan removes it.` };
    case 'terminator':
      return { severity: 'ok', title: `Each scan ends with ${finding.key}.` };
    case 'no-terminator':
      return {
        severity: 'should',
        title: 'Scans do not end with Enter: Wardscan waits for the keys to stop, which makes every scan a little slower.',
        fix: 'Set the scanner’s suffix to Enter (CR).',
      };
    case 'keys-after-terminator':
      return {
        severity: 'must',
        title: `After its Enter or Tab the scanner sends more: ${quoted(finding.shown)}. A second Enter can press a button on the screen.`,
        fix: 'Set the scanner’s suffix to a single Enter (CR, not CR LF), then scan the test symbol again.',
      };
    case 'slow':
      return {
        severity: 'must',
        title: `The scanner types slowly: up to ${finding.maxGapMs} ms between keys, where the ward allows ${finding.allowedMs} ms. Its scans would be taken for typing.`,
        fix: 'Set the scanner’s inter-character delay to none (for Bluetooth scanners: the fastest transmit speed), or ask the Wardscan administrator to raise WARDSCAN_SCANNER_MAX_KEY_GAP_MS.',
      };
    case 'dead-keys':
      return {
        severity: 'must',
        title: 'This handheld’s keyboard layout has dead keys (for example US International): keys the scanner sends combine into accented characters.',
        fix: 'Set the handheld’s keyboard to a layout without dead keys (for example UK or US English), or set the scanner to send characters as Alt codes (“Alt mode” or “Universal keyboard”), then scan the test symbol again.',
      };
    case 'not-test-symbol':
      return finding.symbol === 'first'
        ? {
            severity: 'must',
            title: `That did not read as the test symbol. Received: ${finding.received || 'nothing'}.`,
            fix: 'Scan the test symbol on this page. If it still fails, reset the scanner to its factory defaults and try again.',
          }
        : {
            severity: 'must',
            title: `That did not read as the second test symbol (the Code 128 barcode). Received: ${finding.received || 'nothing'}.`,
            fix: 'Scan the second test symbol on this page. If it still fails, reset the scanner to its factory defaults and scan both test symbols again.',
          };
    case 'chars-ok':
      return { severity: 'ok', title: `The characters ${finding.chars.join(' ')} of the second test symbol arrive as the scanner read them.` };
    case 'char-changed': {
      const what = finding.received === null ? 'nothing arrives' : finding.lost ? `it arrives as ${finding.received}, a key that types nothing here` : `it arrives as ${quoted(finding.received)}`;
      return finding.lost
        ? {
            severity: 'must',
            title: `The scanner does not send ${quoted(finding.meant)} in a way this handheld can read: ${what}. A barcode with ${quoted(finding.meant)} in it is misread.`,
            fix: `Set the scanner’s keyboard layout (“Keyboard country”) to the one this handheld uses, or have it send characters its layout has no key for as Alt codes (“Alt mode” or “Universal keyboard”), then scan both test symbols again.`,
          }
        : {
            severity: 'must',
            title: `The scanner turns ${quoted(finding.meant)} into something else: ${what}. A barcode with ${quoted(finding.meant)} in it is misread.`,
            fix: `Turn off any data editing or character replacement for ${quoted(finding.meant)} in the scanner’s settings, and set its keyboard layout to the one this handheld uses, then scan both test symbols again.`,
          };
    }
    case 'gs-substitute-clash':
      return {
        severity: 'must',
        title: `The scanner sends ${quoted(visibleText(finding.text))} in place of the group separator (GS), so a ${quoted(visibleText(finding.text))} in a barcode (the second test symbol has one) is read as GS.`,
        fix: 'Set the scanner to send GS as ASCII 29 (turn off the FNC1/GS substitution), then scan both test symbols again.',
      };
    default: {
      const unreachable: never = finding;
      return unreachable;
    }
  }
}

/** The worst severity among the findings: the page's headline. */
export function overallSeverity(findings: readonly Finding[]): Severity {
  const severities = findings.map((f) => adviceFor(f).severity);
  return severities.includes('must') ? 'must' : severities.includes('should') ? 'should' : 'ok';
}
