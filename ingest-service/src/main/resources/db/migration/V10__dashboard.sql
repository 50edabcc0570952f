-- The cooperative dashboard (docs/dashboard-api.md): acknowledgements of alarms, per-user alarm
-- notification preferences, the control a gateway reports with its irrigation decisions, and the
-- change notices every ingest instance listens to for its live streams.

-- Acknowledging does not clear an alarm: it says someone has seen it. By the token's subject only.
ALTER TABLE alarm
    ADD COLUMN acknowledged_at  timestamptz,
    ADD COLUMN acknowledged_by  text,
    ADD COLUMN acknowledge_note text,
    ADD CONSTRAINT alarm_acknowledged_whole CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL));
-- the overview counts a plot's open alarms without walking its history
CREATE INDEX alarm_plot_open ON alarm (plot_id) WHERE state = 'RAISED';

-- The control the gateway's decision was made under (kind, growth stage, low/high levels), as the
-- gateway sent it; null for gateways that do not send it.
ALTER TABLE irrigation_event ADD COLUMN control jsonb;
CREATE INDEX irrigation_event_plot_control ON irrigation_event (plot_id, at) WHERE control IS NOT NULL;

-- Which alarms reach a user and how. One row per user (the token's subject).
CREATE TABLE alarm_notification_preference (
    subject        text        PRIMARY KEY,
    cooperative_id text        NOT NULL,
    kinds          text[]      NOT NULL, -- empty = every kind
    plots          text[]      NOT NULL, -- empty = every plot of the cooperative
    browser        boolean     NOT NULL,
    webhook        boolean     NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Change notices for the live streams: '<cooperative> <kind> <what>' on channel dx_dashboard (what:
-- plot or gateway ids separated by commas, or the alarm or command as JSON),
-- sent at commit (never for a rolled-back write) and received by every instance that LISTENs, so a
-- browser connected to one instance sees what another instance wrote. Identical notices of one
-- transaction are folded into one by PostgreSQL. Payloads must stay under 8000 bytes: a longer id
-- list becomes '*' (every plot of the cooperative).
CREATE FUNCTION dx_dashboard_notice(coop text, kind text, ids text) RETURNS void LANGUAGE sql AS $$
    SELECT pg_notify('dx_dashboard', coop || ' ' || kind || ' ' || CASE WHEN length(ids) > 7000 THEN '*' ELSE ids END)
$$;

-- Readings: one notice per cooperative per statement, naming the plots whose latest values moved.
CREATE FUNCTION dx_dashboard_latest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dx_dashboard_notice(p.cooperative_id, 'plot', string_agg(DISTINCT p.id, ','))
    FROM changed c JOIN series s ON s.id = c.series_id JOIN plot p ON p.id = s.plot_id
    GROUP BY p.cooperative_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER series_latest_inserted AFTER INSERT ON series_latest
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dx_dashboard_latest();
CREATE TRIGGER series_latest_updated AFTER UPDATE ON series_latest
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dx_dashboard_latest();

-- Irrigation decisions: the plot's last decision, stage and thresholds changed.
CREATE FUNCTION dx_dashboard_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dx_dashboard_notice(cooperative_id, 'plot', id) FROM plot WHERE id = NEW.plot_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER irrigation_event_inserted AFTER INSERT ON irrigation_event
    FOR EACH ROW EXECUTE FUNCTION dx_dashboard_decision();

-- Gateways: online, backlog, or a new minute of last_seen (not every batch: the page shows minutes).
CREATE FUNCTION dx_dashboard_gateway() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.online IS DISTINCT FROM OLD.online
            OR NEW.backlog_readings IS DISTINCT FROM OLD.backlog_readings
            OR NEW.backlog_oldest_s IS DISTINCT FROM OLD.backlog_oldest_s
            OR date_trunc('minute', NEW.last_seen) <> date_trunc('minute', OLD.last_seen) THEN
        PERFORM dx_dashboard_notice(NEW.cooperative_id, 'gateway', NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER gateway_changed AFTER INSERT OR UPDATE ON gateway
    FOR EACH ROW EXECUTE FUNCTION dx_dashboard_gateway();

-- Alarms raised, acknowledged, cleared (and the plot's open-alarm count with them). Re-evaluations
-- that only move last/worst values are not news.
CREATE FUNCTION dx_dashboard_alarm() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state
            OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at THEN
        -- the alarm itself rides in the notice: each change is told as it was, even when the next
        -- follows before the listener reads
        PERFORM dx_dashboard_notice(NEW.cooperative_id, 'alarm', json_build_object(
            'id', NEW.id, 'plot', NEW.plot_id, 'subject', NEW.subject_id, 'kind', NEW.kind, 'state', NEW.state,
            'raisedAt', NEW.raised_at, 'acknowledgedAt', NEW.acknowledged_at, 'acknowledgedBy', NEW.acknowledged_by,
            'clearedAt', NEW.cleared_at, 'message', left(NEW.message, 1000))::text);
        IF NEW.plot_id IS NOT NULL THEN
            PERFORM dx_dashboard_notice(NEW.cooperative_id, 'plot', NEW.plot_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER alarm_changed AFTER INSERT OR UPDATE ON alarm
    FOR EACH ROW EXECUTE FUNCTION dx_dashboard_alarm();

-- Valve commands: every state (PENDING, SENT, APPLIED, REFUSED, EXPIRED, TIMED_OUT).
CREATE FUNCTION dx_dashboard_command() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        -- the state rides in the notice: PENDING then SENT a millisecond later are both told
        PERFORM dx_dashboard_notice(NEW.cooperative_id, 'command', json_build_object(
            'id', NEW.id, 'device', NEW.device_id, 'action', NEW.action, 'state', NEW.state,
            'reason', left(NEW.reason, 1000), 'at', NEW.updated_at)::text);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER valve_command_changed AFTER INSERT OR UPDATE ON valve_command
    FOR EACH ROW EXECUTE FUNCTION dx_dashboard_command();
