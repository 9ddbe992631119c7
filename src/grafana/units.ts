/**
 * The units Grafana formats values with (a field's `unit`), by the categories of its unit picker. A unit
 * Grafana does not know is not refused: it is printed after the number as plain text, so `unit: 'percent_unit'`
 * shows "0.93 percent_unit" instead of "93%". Kept here (the build never reads ../shared); a conformance test
 * proves it equals the unit list of Grafana's published JSON Schema.
 */
export const UNIT_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Misc: ['none', 'string', 'short', 'sishort', 'percent', 'percentunit', 'humidity', 'dB', 'candela', 'hex0x', 'hex', 'sci', 'locale', 'pixel'],
  Acceleration: ['accMS2', 'accFS2', 'accG'],
  Angle: ['degree', 'radian', 'grad', 'arcmin', 'arcsec'],
  Area: ['areaM2', 'areaF2', 'areaMI2', 'acres', 'hectares'],
  Computation: ['flops', 'mflops', 'gflops', 'tflops', 'pflops', 'eflops', 'zflops', 'yflops'],
  Concentration: [
    'ppm', 'conppb', 'conngm3', 'conngNm3', 'conμgm3', 'conμgNm3', 'conmgm3', 'conmgNm3', 'congm3', 'congNm3', 'conmgdL',
    'conmmolL',
  ],
  Currency: [
    'currencyUSD', 'currencyGBP', 'currencyEUR', 'currencyJPY', 'currencyRUB', 'currencyUAH', 'currencyBRL', 'currencyDKK',
    'currencyISK', 'currencyNOK', 'currencySEK', 'currencyCZK', 'currencyCHF', 'currencyPLN', 'currencyBTC', 'currencymBTC',
    'currencyμBTC', 'currencyZAR', 'currencyINR', 'currencyKRW', 'currencyIDR', 'currencyPHP', 'currencyVND', 'currencyTRY',
    'currencyMYR', 'currencyXPF', 'currencyBGN', 'currencyPYG', 'currencyUYU', 'currencyILS',
  ],
  Data: ['bytes', 'decbytes', 'bits', 'decbits', 'kbytes', 'deckbytes', 'mbytes', 'decmbytes', 'gbytes', 'decgbytes', 'tbytes', 'dectbytes', 'pbytes', 'decpbytes'],
  'Data rate': [
    'pps', 'binBps', 'Bps', 'binbps', 'bps', 'KiBs', 'Kibits', 'KBs', 'Kbits', 'MiBs', 'Mibits', 'MBs', 'Mbits', 'GiBs', 'Gibits',
    'GBs', 'Gbits', 'TiBs', 'Tibits', 'TBs', 'Tbits', 'PiBs', 'Pibits', 'PBs', 'Pbits',
  ],
  'Date & time': [
    'dateTimeAsIso', 'dateTimeAsIsoNoDateIfToday', 'dateTimeAsUS', 'dateTimeAsUSNoDateIfToday', 'dateTimeAsLocal',
    'dateTimeAsLocalNoDateIfToday', 'dateTimeAsSystem', 'dateTimeFromNow',
  ],
  Energy: [
    'watt', 'kwatt', 'megwatt', 'gwatt', 'mwatt', 'Wm2', 'voltamp', 'kvoltamp', 'voltampreact', 'kvoltampreact', 'watth',
    'watthperkg', 'kwatth', 'kwattm', 'mwatth', 'amph', 'kamph', 'mamph', 'joule', 'ev', 'amp', 'kamp', 'mamp', 'volt', 'kvolt',
    'mvolt', 'dBm', 'mohm', 'ohm', 'kohm', 'Mohm', 'farad', 'µfarad', 'nfarad', 'pfarad', 'ffarad', 'henry', 'mhenry', 'µhenry',
    'lumens',
  ],
  Flow: ['flowgpm', 'flowcms', 'flowcfs', 'flowcfm', 'litreh', 'flowlpm', 'flowmlpm', 'lux'],
  Force: ['forceNm', 'forcekNm', 'forceN', 'forcekN'],
  'Hash rate': ['Hs', 'KHs', 'MHs', 'GHs', 'THs', 'PHs', 'EHs'],
  Mass: ['massmg', 'massg', 'masslb', 'masskg', 'masst'],
  Length: ['lengthmm', 'lengthin', 'lengthft', 'lengthm', 'lengthkm', 'lengthmi'],
  Pressure: ['pressurembar', 'pressurebar', 'pressurekbar', 'pressurepa', 'pressurehpa', 'pressurekpa', 'pressurehg', 'pressurepsi'],
  Radiation: [
    'radbq', 'radci', 'radgy', 'radrad', 'radsv', 'radmsv', 'radusv', 'radrem', 'radexpckg', 'radr', 'radsvh', 'radmsvh', 'radusvh',
  ],
  'Rotational speed': ['rotrpm', 'rothz', 'rotkhz', 'rotmhz', 'rotghz', 'rotrads', 'rotdegs'],
  Temperature: ['celsius', 'fahrenheit', 'kelvin'],
  Time: ['hertz', 'ns', 'µs', 'ms', 's', 'm', 'h', 'd', 'dtdurationms', 'dtdurations', 'dthms', 'dtdhms', 'timeticks', 'clockms', 'clocks'],
  Throughput: [
    'cps', 'ops', 'reqps', 'rps', 'wps', 'iops', 'eps', 'mps', 'recps', 'rowsps', 'cpm', 'opm', 'reqpm', 'rpm', 'wpm', 'epm', 'mpm',
    'recpm', 'rowspm',
  ],
  Velocity: ['velocityms', 'velocitykmh', 'velocitymph', 'velocityknot'],
  Volume: ['mlitre', 'litre', 'm3', 'Nm3', 'dm3', 'gallons'],
  Boolean: ['bool', 'bool_yes_no', 'bool_on_off'],
};

export const UNITS: ReadonlySet<string> = new Set(Object.values(UNIT_CATEGORIES).flat());

/**
 * Units built from a prefix and free text, which Grafana parses at display time: `suffix: req`,
 * `prefix:$`, `si:W`, `count:jobs`, `currency:kr`, `time:YYYY-MM-DD`, `bool:up/down`.
 */
const CUSTOM_UNIT = /^(prefix|suffix|si|count|currency|time|bool):./;

export const isKnownUnit = (unit: string): boolean => UNITS.has(unit) || CUSTOM_UNIT.test(unit);

/** Spellings people reach for, with the unit Grafana calls it. */
const ALIASES: Readonly<Record<string, string>> = {
  seconds: 's', second: 's', sec: 's', milliseconds: 'ms', millisecond: 'ms', minutes: 'm', hours: 'h', days: 'd',
  byte: 'bytes', B: 'bytes', bit: 'bits', '%': 'percent', ratio: 'percentunit', percentage: 'percent', watts: 'watt', W: 'watt',
  C: 'celsius', '°C': 'celsius', degC: 'celsius', Hz: 'hertz', bytes_per_second: 'Bps', 'B/s': 'Bps', 'bytes/sec': 'Bps',
  'req/s': 'reqps', 'ops/s': 'ops', boolean: 'bool', date: 'dateTimeAsIso', timestamp: 'dateTimeAsIso',
};

export function suggestUnit(unit: string, closest: (word: string, candidates: Iterable<string>) => string[]): string[] {
  const alias = ALIASES[unit] ?? ALIASES[unit.toLowerCase()];
  if (alias) return [alias];
  const lower = [...UNITS].filter((u) => u.toLowerCase() === unit.toLowerCase());
  if (lower.length > 0) return lower;
  return closest(unit, UNITS);
}
