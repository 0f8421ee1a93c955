// The three state machines workflow_execute drives (the seed's Pattern 3). Each state says what input it
// needs, checks it, and names the next state; the tool itself is stateless, the caller carries `state`.

/** What one transition produced: the next state, or an input error for the current one. */
export type Transition = { next: string; result: Record<string, unknown> } | { error: string };

/** One state: the actions offered to the caller and how its input moves the machine on. */
export interface MachineState {
  next_actions: string[];
  step(input: Record<string, unknown>): Transition;
}

/** A workflow: its first state and every state by name; `completed` is the final state of all of them. */
export interface Machine {
  start: string;
  states: Record<string, MachineState>;
}

function str(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

const customerOnboarding: Machine = {
  start: 'collect_details',
  states: {
    collect_details: {
      next_actions: ['Provide input {name, email, segment} for the new customer'],
      step(input) {
        const name = str(input, 'name');
        const email = str(input, 'email');
        if (!name || !email?.includes('@')) return { error: 'collect_details needs input.name and a valid input.email' };
        return { next: 'verify_email', result: { name, email, segment: str(input, 'segment') ?? 'smb', verification_sent_to: email } };
      },
    },
    verify_email: {
      next_actions: ['Ask the customer for the 6-digit code sent by email and provide input {code}'],
      step(input) {
        const code = str(input, 'code');
        if (!code || !/^\d{6}$/.test(code)) return { error: 'verify_email needs input.code, six digits' };
        return { next: 'provision_account', result: { email_verified: true } };
      },
    },
    provision_account: {
      next_actions: ['Confirm the plan with input {plan: "starter" | "growth" | "enterprise"}'],
      step(input) {
        const plan = str(input, 'plan');
        if (!plan || !['starter', 'growth', 'enterprise'].includes(plan)) return { error: 'provision_account needs input.plan: starter, growth or enterprise' };
        return { next: 'completed', result: { account_id: `ACC-${plan.toUpperCase()}-001`, plan } };
      },
    },
  },
};

const orderFulfillment: Machine = {
  start: 'validate_order',
  states: {
    validate_order: {
      next_actions: ['Provide input {order_id} (an order_id from order_history output)'],
      step(input) {
        const orderId = str(input, 'order_id');
        if (!orderId || !/^O-\d+$/.test(orderId)) return { error: 'validate_order needs input.order_id like O-5001' };
        return { next: 'reserve_inventory', result: { order_id: orderId, valid: true } };
      },
    },
    reserve_inventory: {
      next_actions: ['Reserve stock: provide input {warehouse: "east" | "west"}'],
      step(input) {
        const warehouse = str(input, 'warehouse');
        if (warehouse !== 'east' && warehouse !== 'west') return { error: 'reserve_inventory needs input.warehouse: east or west' };
        return { next: 'ship', result: { reservation_id: `RSV-${warehouse}-1`, warehouse } };
      },
    },
    ship: {
      next_actions: ['Ship: provide input {carrier}'],
      step(input) {
        const carrier = str(input, 'carrier');
        if (!carrier) return { error: 'ship needs input.carrier' };
        return { next: 'completed', result: { carrier, tracking_number: `TRK-${carrier.toUpperCase()}-0001` } };
      },
    },
  },
};

const issueEscalation: Machine = {
  start: 'triage',
  states: {
    triage: {
      next_actions: ['Provide input {ticket_id, severity: "low" | "medium" | "high"} (ticket_id from support_tickets output)'],
      step(input) {
        const ticketId = str(input, 'ticket_id');
        const severity = str(input, 'severity');
        if (!ticketId || !severity || !['low', 'medium', 'high'].includes(severity)) {
          return { error: 'triage needs input.ticket_id and input.severity: low, medium or high' };
        }
        const next = severity === 'high' ? 'escalate_to_engineering' : 'resolve_at_support';
        return { next, result: { ticket_id: ticketId, severity, routed_to: next } };
      },
    },
    escalate_to_engineering: {
      next_actions: ['Name the owning team with input {team}, then confirm the fix with input {resolution}'],
      step(input) {
        const team = str(input, 'team');
        const resolution = str(input, 'resolution');
        if (!team || !resolution) return { error: 'escalate_to_engineering needs input.team and input.resolution' };
        return { next: 'completed', result: { team, resolution, escalated: true } };
      },
    },
    resolve_at_support: {
      next_actions: ['Describe the fix with input {resolution}'],
      step(input) {
        const resolution = str(input, 'resolution');
        if (!resolution) return { error: 'resolve_at_support needs input.resolution' };
        return { next: 'completed', result: { resolution, escalated: false } };
      },
    },
  },
};

/** The machines by workflow name, in the order of workflow_execute's enum. */
export const machines = {
  customer_onboarding: customerOnboarding,
  order_fulfillment: orderFulfillment,
  issue_escalation: issueEscalation,
} as const;

export type WorkflowName = keyof typeof machines;
