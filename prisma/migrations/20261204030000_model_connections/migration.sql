-- Model connections: OpenAI-compatible endpoints a project's judges call. The API key and the
-- header values are stored only as AES-256-GCM envelopes (v1:<key id>:<nonce>:<sealed>),
-- never in plain text, which the checks below hold whatever the application does.

CREATE TABLE "model_connections" (
    "project_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "models" JSONB NOT NULL,
    "structured_output" TEXT NOT NULL,
    "api_key_secret" TEXT,
    "header_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "headers_secret" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_connections_pkey" PRIMARY KEY ("project_id","id")
);
CREATE UNIQUE INDEX "model_connections_project_id_name_key" ON "model_connections"("project_id", "name");
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_name_shape" CHECK (length("name") BETWEEN 1 AND 100);
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_structured_output" CHECK ("structured_output" IN ('json_schema', 'json_object', 'prompt'));
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_models_array" CHECK (jsonb_typeof("models") = 'array');
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_sealed" CHECK (
    ("api_key_secret" IS NULL OR "api_key_secret" ~ '^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$')
    AND ("headers_secret" IS NULL OR "headers_secret" ~ '^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$')
);
