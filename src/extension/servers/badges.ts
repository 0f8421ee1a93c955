// A tool's MCP annotations as the badges the tree and the panel show: what a person should know before
// calling it (it changes things, it cannot be undone, it reaches outside).

/** One badge: its words and its codicon. */
export interface Badge {
  label: 'read-only' | 'destructive' | 'idempotent' | 'open-world';
  icon: string;
}

/** The badges of a tool's annotations, in a fixed order; hints left out by the server give no badge. */
export function annotationBadges(annotations: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean } | undefined): Badge[] {
  if (!annotations) return [];
  const badges: Badge[] = [];
  if (annotations.readOnlyHint === true) badges.push({ label: 'read-only', icon: 'eye' });
  // destructiveHint only means something for a tool that writes.
  if (annotations.readOnlyHint !== true && annotations.destructiveHint === true) badges.push({ label: 'destructive', icon: 'warning' });
  if (annotations.readOnlyHint !== true && annotations.idempotentHint === true) badges.push({ label: 'idempotent', icon: 'sync' });
  if (annotations.openWorldHint === true) badges.push({ label: 'open-world', icon: 'globe' });
  return badges;
}
