/// The workflow's tables, as versioned migrations. TEXT and BIGINT only (see ``SQLValue``); every list the
/// server shows has its index (a partner's documents, newest first, by status; a phone's signer slots).
public enum WorkflowSchema {
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "workflow") { _ in
            [
                """
                CREATE TABLE users (id TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, surname TEXT, name TEXT, iin TEXT,
                    status TEXT NOT NULL, is_admin BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE partners (id TEXT PRIMARY KEY, bin TEXT NOT NULL UNIQUE, organisation TEXT NOT NULL, status TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE employees (partner_id TEXT NOT NULL REFERENCES partners(id), user_id TEXT NOT NULL REFERENCES users(id),
                    rights BIGINT NOT NULL, active BIGINT NOT NULL, PRIMARY KEY (partner_id, user_id))
                """,
                "CREATE INDEX employees_by_user ON employees (user_id)",
                """
                CREATE TABLE tariff_packages (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL REFERENCES partners(id),
                    uses_total BIGINT NOT NULL,
                    uses_used BIGINT NOT NULL, uses_reserved BIGINT NOT NULL, valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL,
                    active BIGINT NOT NULL, CHECK (uses_used + uses_reserved <= uses_total), CHECK (uses_used >= 0 AND uses_reserved >= 0))
                """,
                "CREATE INDEX tariff_packages_by_partner ON tariff_packages (partner_id)",
                """
                CREATE TABLE documents (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL REFERENCES partners(id), created_by TEXT NOT NULL,
                    file_name TEXT NOT NULL, media_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, gost34311 TEXT NOT NULL,
                    language TEXT NOT NULL, signing_method TEXT NOT NULL, signing_order TEXT NOT NULL, partner_signs_first BIGINT NOT NULL,
                    deadline BIGINT, status TEXT NOT NULL, tariff_package_id TEXT, blob_path TEXT NOT NULL,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX documents_by_partner ON documents (partner_id, created_at DESC, id DESC)",
                "CREATE INDEX documents_by_partner_status ON documents (partner_id, status, created_at DESC, id DESC)",
                """
                CREATE TABLE signers (id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), party TEXT NOT NULL,
                    surname TEXT NOT NULL, name TEXT NOT NULL, iin TEXT, phone TEXT, ord BIGINT NOT NULL, state TEXT NOT NULL,
                    signed_at BIGINT, signature_kind TEXT)
                """,
                "CREATE INDEX signers_by_document ON signers (document_id)",
                "CREATE INDEX signers_by_phone ON signers (phone)",
                """
                CREATE TABLE signature_files (document_id TEXT NOT NULL REFERENCES documents(id), signer_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    sha256 TEXT NOT NULL, blob_path TEXT NOT NULL, received_at BIGINT NOT NULL, PRIMARY KEY (document_id, sha256))
                """,
                """
                CREATE TABLE audit_events (document_id TEXT NOT NULL, sequence BIGINT NOT NULL, hash TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    event_json TEXT NOT NULL, time BIGINT NOT NULL, PRIMARY KEY (document_id, sequence))
                """,
                """
                CREATE TABLE log_leaves (leaf_index BIGINT PRIMARY KEY, leaf_hash TEXT NOT NULL, document_id TEXT NOT NULL,
                    last_sequence BIGINT NOT NULL)
                """,
                "CREATE INDEX log_leaves_by_document ON log_leaves (document_id, last_sequence)",
                "CREATE TABLE log_state (id BIGINT PRIMARY KEY, size BIGINT NOT NULL)",
                "INSERT INTO log_state (id, size) VALUES (1, 0)",
                """
                CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, request_sha256 TEXT NOT NULL, result_json TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
            ]
        },
        // Who may act, and how they proved it: SMS login challenges, sessions (only the token's SHA-256 is kept),
        // agreement acceptances, SMS-OTP signature challenges and the signers' single-document links. A signature
        // file keeps a companion (the validation report of an EDS, the platform seal of an SES record), whether
        // it was accepted or refused, and where in the document's chain it arrived.
        Migration(version: 2, name: "access") { _ in
            [
                """
                CREATE TABLE login_challenges (id TEXT PRIMARY KEY, phone TEXT NOT NULL, ip TEXT, challenge_json TEXT NOT NULL,
                    status TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX login_challenges_by_phone ON login_challenges (phone, created_at)",
                "CREATE INDEX login_challenges_by_ip ON login_challenges (ip, created_at)",
                """
                CREATE TABLE sessions (token_sha256 TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), scope_document_id TEXT,
                    scope_signer_id TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT, ip TEXT,
                        user_agent TEXT)
                """,
                "CREATE INDEX sessions_by_user ON sessions (user_id)",
                """
                CREATE TABLE agreement_acceptances (user_id TEXT NOT NULL REFERENCES users(id), edition TEXT NOT NULL,
                    text_sha256 TEXT NOT NULL,
                    accepted_at BIGINT NOT NULL, ip TEXT, user_agent TEXT, PRIMARY KEY (user_id, edition))
                """,
                """
                CREATE TABLE ses_challenges (id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
                    signer_id TEXT NOT NULL,
                    challenge_json TEXT NOT NULL, status TEXT NOT NULL, record_path TEXT, seal_path TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX ses_challenges_by_signer ON ses_challenges (signer_id, created_at)",
                """
                CREATE TABLE signer_links (token_sha256 TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
                    signer_id TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX signer_links_by_signer ON signer_links (signer_id)",
                "ALTER TABLE signature_files ADD COLUMN companion_path TEXT",
                "ALTER TABLE signature_files ADD COLUMN accepted BIGINT NOT NULL DEFAULT 1",
                "ALTER TABLE signature_files ADD COLUMN event_sequence BIGINT NOT NULL DEFAULT 0",
            ]
        },
        // A signature value is unique to its document (a replayed EDS is found by it), and the deadline job finds
        // overdue documents by status and deadline.
        Migration(version: 3, name: "replay and deadlines") { _ in
            [
                "ALTER TABLE signature_files ADD COLUMN signature_value_sha256 TEXT",
                "CREATE INDEX signature_files_by_value ON signature_files (signature_value_sha256)",
                "CREATE INDEX documents_by_deadline ON documents (status, deadline)",
            ]
        },
        // Nothing node-local with PostgreSQL: blobs in chunked rows (`PostgreSQLBlobBackend`) and the platform's
        // keys (generated once by the first server, wrapped when the deployment gives a wrapping key). SQLite keeps
        // both in its data directory; the tables exist there too, empty, so the schema is one.
        Migration(version: 4, name: "blobs and keys in the database") { dialect in
            let bytes = dialect == .postgresql ? "BYTEA" : "BLOB"
            var statements = [
                """
                CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, gost34311 TEXT NOT NULL, size BIGINT NOT NULL, upload_id TEXT NOT NULL,
                    chunk_count BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE blob_chunks (upload_id TEXT NOT NULL, chunk_index BIGINT NOT NULL, data \(bytes) NOT NULL,
                    written_at BIGINT NOT NULL, PRIMARY KEY (upload_id, chunk_index))
                """,
                """
                CREATE TABLE platform_keys (name TEXT PRIMARY KEY, protection TEXT NOT NULL, value TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
            ]
            // Documents are mostly compressed already (PDF streams, ZIP): no second compression attempt per chunk.
            if dialect == .postgresql { statements.append("ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL") }
            return statements
        },
        // Versions 5 and 6 belong to other changes under way; the migrator applies whatever is missing, in order.
        // Partners' API keys, by the SHA-256 of their secret (only the digest is kept, like sessions); their
        // webhook endpoints, the durable queue of deliveries (claimed by due time) and every attempt's answer.
        Migration(version: 7, name: "partner integrations") { _ in
            [
                """
                CREATE TABLE webhook_endpoints (id TEXT PRIMARY KEY, partner_id TEXT NOT NULL REFERENCES partners(id), url TEXT NOT NULL,
                    events TEXT NOT NULL, secret TEXT NOT NULL, status TEXT NOT NULL, created_by TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX webhook_endpoints_by_partner ON webhook_endpoints (partner_id, status)",
                """
                CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
                    partner_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL,
                    next_attempt_at BIGINT, locked_until BIGINT, last_response_status BIGINT, last_error TEXT,
                    created_at BIGINT NOT NULL, delivered_at BIGINT)
                """,
                "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
                "CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)",
                """
                CREATE TABLE webhook_attempts (delivery_id TEXT NOT NULL, attempt BIGINT NOT NULL, time BIGINT NOT NULL,
                    response_status BIGINT, error TEXT, milliseconds BIGINT NOT NULL, PRIMARY KEY (delivery_id, attempt))
                """,
                """
                CREATE TABLE api_keys (id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL UNIQUE,
                    partner_id TEXT NOT NULL REFERENCES partners(id), name TEXT NOT NULL, rights BIGINT NOT NULL,
                    created_by TEXT NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)
                """,
                "CREATE INDEX api_keys_by_partner ON api_keys (partner_id, created_at DESC, id DESC)",
            ]
        },
    ]
}
