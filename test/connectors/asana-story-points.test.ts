import { describe, expect, it } from 'vitest';
import { asanaFieldRefs } from '../../functions/connectors/asana/custom-fields.ts';
import { mapAsanaTask } from '../../functions/connectors/asana/map.ts';
import { AsanaTaskSchema } from '../../functions/connectors/asana/schema.ts';

const raw = {
  gid: '9', name: 'Checkout copy', completed: false, created_at: '2026-03-01T10:00:00.000Z', modified_at: '2026-03-02T10:00:00.000Z',
  custom_fields: [
    { gid: '7001', name: 'Story Points', resource_subtype: 'number', number_value: 3 },
    { gid: '7002', name: 'Effort', resource_subtype: 'number', number_value: 8 },
    { gid: '7003', name: 'Size', resource_subtype: 'number', number_value: null },
  ],
};
const task = AsanaTaskSchema.parse(raw);

describe('Asana story points', () => {
  it('reads the number field named "Story Points" by default', () => {
    expect(mapAsanaTask('asana', task, '1').storyPoints).toBe(3);
  });

  it('reads a configured number field by gid or by name, any case', () => {
    expect(mapAsanaTask('asana', task, '1', asanaFieldRefs('asana', undefined, '7002')).storyPoints).toBe(8);
    expect(mapAsanaTask('asana', task, '1', asanaFieldRefs('asana', undefined, ' effort ')).storyPoints).toBe(8);
  });

  it('leaves the points out when the field is empty or the task does not carry it', () => {
    expect(mapAsanaTask('asana', task, '1', asanaFieldRefs('asana', undefined, 'Size')).storyPoints).toBeUndefined();
    expect(mapAsanaTask('asana', task, '1', asanaFieldRefs('asana', undefined, '7999')).storyPoints).toBeUndefined();
  });
});
