// The texts of the seed's prompts, as templates with `{{name}}` placeholders (see prompts.ts). Kept apart
// from the registration code so they read like the seed.

export const identifyTopCustomer = [
  '- Use `sales_top_customers` with limit=1 to find the top customer',
  '- Note the customer_id for subsequent steps',
].join('\n');

export const identifyGivenCustomer = '- Use customer_id: {{customer_id}}';

/** The customer-analysis text before the Step 1 branch. */
export const customerAnalysisIntro = [
  'Perform a comprehensive analysis of {{customer_id}}:',
  '',
  '**Step 1: Identify Customer**',
].join('\n');

/** The customer-analysis text after the Step 1 branch. */
export const customerAnalysisSteps = [
  '',
  '**Step 2: Gather Data** (can run in parallel)',
  '- Use `order_history` with the customer_id',
  '- Use `support_tickets` with the customer_id',
  '- Use `engagement_metrics` with the customer_id',
  '',
  '**Step 3: Analyze Patterns**',
  '- Calculate order frequency trend (increasing/decreasing?)',
  '- Identify support ticket patterns (recurring issues?)',
  '- Correlate engagement with purchase behavior',
  '',
  '**Step 4: Generate Report**',
  'Format findings as:',
  '```',
  '## Customer Analysis: [Name]',
  '### Key Metrics',
  '- Total Revenue: $X',
  '- Order Frequency: X orders/month',
  '- Support Health: Good/At-Risk/Poor',
  '',
  '### Trends',
  '1. [Trend 1]',
  '2. [Trend 2]',
  '',
  '### Recommendations',
  '1. [Action 1]',
  '2. [Action 2]',
  '```',
].join('\n');

export const dataGathering = [
  'Gather customer data for {{customer_id}}:',
  '',
  '**These steps can run in parallel:**',
  '- order_history(customer_id)',
  '- support_tickets(customer_id)',
  '- engagement_metrics(customer_id)',
  '',
  '**This step requires all above to complete:**',
  '- Synthesize findings into report',
].join('\n');

export const safeDataMigration = [
  'Migrate customer data to new format:',
  '',
  '**Step 1: Validate Source**',
  '- Use validate_source to check data integrity',
  '- If validation fails: STOP and report issues',
  '',
  '**Step 2: Create Backup**',
  '- Use create_backup before any modifications',
  '- Record backup_id for potential rollback',
  '',
  '**Step 3: Transform Data**',
  '- Use transform_records in batches of {{batch_size}}',
  '- If any batch fails: rollback using backup_id (restore_backup)',
  '',
  '**Step 4: Verify Results**',
  '- Use validate_target to verify migration',
  '- If validation fails: rollback using backup_id (restore_backup)',
  '',
  '**On Success:**',
  '- Report migration statistics',
  '- Keep backup for 24 hours',
].join('\n');

export const longRunningAnalysis = [
  'Analyze all customers:',
  '',
  'For each batch of {{batch_size}} customers:',
  '1. Process the batch',
  '2. Call workflow_progress with completion percentage',
  '3. Continue to next batch',
  '',
  'Report progress every 10% completion.',
].join('\n');

export const entityManagement = [
  'Manage {{entity_type}} entities:',
  '',
  '1. Ask what the user wants to do (list, view, create, edit, delete)',
  '2. For list: use {{entity_type}}_list with any filters',
  '3. For view: use {{entity_type}}_get with ID',
  '4. For create: collect required fields, then use {{entity_type}}_create',
  '5. For edit: get current state, show changes, confirm, then use {{entity_type}}_update',
  '6. For delete: confirm explicitly, then use {{entity_type}}_delete',
].join('\n');

export const investigateAnomaly = [
  'Investigate {{anomaly}}:',
  '',
  '**Phase 1: Scope**',
  '- Identify affected time range',
  '- Identify affected entities',
  '- Quantify the impact',
  '',
  '**Phase 2: Correlate**',
  '- Check for system events in the time range',
  '- Check for related anomalies',
  '- Identify potential causes',
  '',
  '**Phase 3: Diagnose**',
  '- For each potential cause:',
  '  - Gather supporting evidence',
  '  - Gather contradicting evidence',
  '- Rank causes by likelihood',
  '',
  '**Phase 4: Recommend**',
  '- Immediate actions to mitigate',
  '- Long-term fixes to prevent recurrence',
  '- Monitoring to detect future occurrences',
].join('\n');

export const requireApproval = [
  'This operation requires approval: {{operation}}',
  '',
  '**Before Proceeding:**',
  '1. Summarize what will happen',
  '2. List all affected entities',
  '3. Describe the impact (reversible/irreversible)',
  "4. Ask for explicit confirmation: 'yes' to proceed",
  '',
  '**On Confirmation:**',
  '- Log the approval with timestamp (workflow_log)',
  '- Execute the operation',
  '- Report results',
  '',
  '**On Denial:**',
  '- Log the denial (workflow_log)',
  '- Suggest alternative approaches if applicable',
].join('\n');
