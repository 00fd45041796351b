export const installCommand: string;
export function prerequisites(): { name: string; present: boolean; neededByBrowserTests: boolean }[];
export function browserTestsBlockedReason(): string | undefined;
