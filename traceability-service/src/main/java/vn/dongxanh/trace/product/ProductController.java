package vn.dongxanh.trace.product;

import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/** Trade items of a cooperative, identified by GTIN (stored as GTIN-14, check digit verified). */
@RestController
public class ProductController {
    private final JdbcClient jdbc;
    private final Access access;
    private final ProductRecords records;

    public ProductController(JdbcClient jdbc, Access access, ProductRecords records) {
        this.jdbc = jdbc;
        this.access = access;
        this.records = records;
    }

    /** A new product. */
    public record NewProduct(String gtin, String name, String crop) {}

    /** The product and its first record (what buyers are told about it), in one transaction. */
    @PostMapping("/api/products")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Map<String, Object> create(@RequestBody NewProduct product, Authentication auth) {
        String owner =
                access.require(auth, PlatformRole.COOP_MANAGER).organisation().orElseThrow();
        String gtin;
        try {
            gtin = Gs1.gtin14(product.gtin());
        } catch (IllegalArgumentException e) {
            throw Refusal.rule("gtin", e.getMessage());
        }
        if (product.name() == null || product.name().isBlank() || product.crop() == null) {
            throw Refusal.badRequest("name and crop are required");
        }
        try {
            jdbc.sql("insert into product (gtin, owner_id, name, crop) values (?, ?, ?, ?)")
                    .params(gtin, owner, product.name().strip(), product.crop())
                    .update();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("duplicate", "GTIN " + gtin + " is registered");
        }
        records.record(gtin);
        return find(gtin, gtin);
    }

    /** A change of a product's name or crop, by its cooperative's manager. */
    public record ProductChange(String name, String crop) {}

    /**
     * Renames a product (or corrects its crop): the row changes and a new record of the product is
     * made, so the lot pages that show it tell the new name and keep the old one as history. A
     * change that changes nothing makes no record.
     */
    @PutMapping("/api/products/{gtin}")
    @Transactional
    public Map<String, Object> change(
            @PathVariable String gtin, @RequestBody ProductChange change, Authentication auth) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER);
        String key;
        try {
            key = Gs1.gtin14(gtin);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("no product " + gtin);
        }
        access.readProduct(auth, key);
        Map<String, Object> current = find(key, gtin);
        if (!actor.actsFor((String) current.get("owner"))) {
            throw Refusal.forbidden("only the product's cooperative changes it");
        }
        if (change.name() == null || change.name().isBlank()) {
            throw Refusal.badRequest("field 'name' is required");
        }
        if (change.crop() == null || change.crop().isBlank()) {
            throw Refusal.badRequest("field 'crop' is required");
        }
        String name = change.name().strip();
        String crop = change.crop().strip();
        if (name.equals(current.get("name")) && crop.equals(current.get("crop"))) {
            return current;
        }
        jdbc.sql("update product set name = ?, crop = ? where gtin = ?")
                .params(name, crop, key)
                .update();
        records.record(key);
        return find(key, gtin);
    }

    @GetMapping("/api/products/{gtin}")
    public Map<String, Object> get(@PathVariable String gtin, Authentication auth) {
        String key;
        try {
            key = Gs1.gtin14(gtin);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("no product " + gtin);
        }
        access.readProduct(auth, key);
        return find(key, gtin);
    }

    private Map<String, Object> find(String key, String gtin) {
        return jdbc
                .sql("select gtin, owner_id as owner, name, crop from product where gtin = ?")
                .param(key)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("no product " + gtin));
    }
}
