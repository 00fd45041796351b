import { darkStyles, defaultStyles } from 'react-json-view-lite';

const dark = { ...darkStyles, stringValue: `${darkStyles.stringValue} json-string-dark` };

/** react-json-view-lite's light or dark styles; the dark one with string values in a colour that meets 4.5:1 (theme.css). */
export function jsonViewStyles(isDark: boolean): typeof defaultStyles {
  return isDark ? dark : defaultStyles;
}
