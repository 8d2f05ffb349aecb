import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/**
 * The form generated from a Blueprint's configSchema (never written per Blueprint). On the detail page it previews
 * what an install will ask; the install wizard will submit it.
 */
export default function ConfigForm({ schema, id }: { schema: Record<string, unknown>; id: string }) {
  const { $schema: _ignored, ...rest } = schema; // ajv8 here speaks draft-07; the catalog already validated the schema
  const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  return (
    <Form
      idPrefix={id}
      schema={rest as RJSFSchema}
      uiSchema={uiSchema}
      validator={validator}
      liveValidate={false}
      noHtml5Validate
    />
  );
}
