import { darkStyles, defaultStyles } from 'react-json-view-lite';
import './jsonView.css';

/** Adds one of jsonView.css's `json-…` classes, which recolour the values react-json-view-lite draws under 4.5:1. */
const withClass = (base: string, extra: string) => `${base} ${extra}`;

const light = {
  ...defaultStyles,
  numberValue: withClass(defaultStyles.numberValue, 'json-light-number'),
  booleanValue: withClass(defaultStyles.booleanValue, 'json-light-boolean'),
};

const dark = {
  ...darkStyles,
  stringValue: withClass(darkStyles.stringValue, 'json-dark-string'),
  numberValue: withClass(darkStyles.numberValue, 'json-dark-number'),
  otherValue: withClass(darkStyles.otherValue, 'json-dark-other'),
};

/** react-json-view-lite's light or dark styles, with every value colour readable (4.5:1) on the panels' backgrounds. */
export function jsonViewStyles(isDark: boolean): typeof defaultStyles {
  return isDark ? dark : light;
}
