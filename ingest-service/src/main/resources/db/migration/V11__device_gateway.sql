-- The gateway a device is behind (on whose field broker it talks), so that the brokers'
-- credentials and ACLs can be made from the registry before the gateway is first heard from
-- (docs/security-mqtt.md). Empty: not said; such a device gets no broker identity from the plan.
ALTER TABLE device ADD COLUMN gateway_id text;
CREATE INDEX device_gateway ON device (gateway_id);
