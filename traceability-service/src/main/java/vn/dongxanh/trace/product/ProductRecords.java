package vn.dongxanh.trace.product;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;

/**
 * A product as buyers are told it, kept as a record of kind {@value #KIND} (subject: its GTIN-14):
 * one when it is registered, a new one for every change, so what a lot's page says about its
 * product is anchored and has a history. The body names no person: {@code {gtin, name, crop, owner}}
 * (owner: the cooperative's id). The record is the cooperative's own.
 */
@Component
public class ProductRecords {
    public static final String KIND = "product";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;

    public ProductRecords(JdbcClient jdbc, JsonMapper json, RecordStore records) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
    }

    /** Records the product as its row says now, in the caller's transaction. */
    @Transactional
    public StoredRecord record(String gtin14) {
        Map<String, Object> row = jdbc.sql("select gtin, owner_id, name, crop from product where gtin = ?")
                .param(gtin14)
                .query()
                .singleRow();
        ObjectNode body = json.createObjectNode();
        body.put("gtin", (String) row.get("gtin"));
        body.put("name", (String) row.get("name"));
        body.put("crop", (String) row.get("crop"));
        body.put("owner", (String) row.get("owner_id"));
        return records.append(KIND, gtin14, (String) row.get("owner_id"), body);
    }

    /**
     * A product registered before products were records gets its first one when a batch of it is
     * declared: from then on buyers are told about it.
     */
    @Transactional
    public void ensureRecorded(String gtin14) {
        if (records.bySubject(KIND, gtin14).isEmpty()) {
            record(gtin14);
        }
    }
}
