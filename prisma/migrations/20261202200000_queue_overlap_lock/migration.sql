-- What keeps a submit and a change of N apart, without every submit locking its queue's row:
-- a transaction-scoped advisory lock per queue, shared by submits and held alone by a change
-- of N. `queue_overlap_in_force` takes the shared lock and then reads the overlap: the
-- function is VOLATILE, so its second query runs on a fresh snapshot and sees a change of N
-- that committed while it waited, though the submit statement calling it started before.
-- The two-key form keeps this namespace (0x41514e31) apart from single-key advisory locks.
-- The migration runner splits scripts at every semicolon, even inside quotes, so function
-- bodies write theirs as the escape \073.
CREATE FUNCTION "queue_overlap_in_force"(p_project uuid, p_queue uuid) RETURNS integer LANGUAGE sql VOLATILE
  AS E'SELECT pg_advisory_xact_lock_shared(1095847473, hashtext(p_queue::text))\073
       SELECT q.overlap FROM queues q WHERE q.project_id = p_project AND q.id = p_queue';

CREATE FUNCTION "queue_overlap_hold"(p_queue uuid) RETURNS void LANGUAGE sql VOLATILE
  AS E'SELECT pg_advisory_xact_lock(1095847473, hashtext(p_queue::text))';
