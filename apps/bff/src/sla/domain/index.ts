export * from './china-workdays';
export * from './working-calendar';
export * from './sla-target';
export * from './sla-policy';
export * from './sla-clock';
export * from './sla-urgency';
export * from './sla-wake';
export * from './sla-preview';
