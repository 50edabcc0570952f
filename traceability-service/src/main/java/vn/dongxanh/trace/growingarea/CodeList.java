package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The register as a list: codes filtered by status, crop, cooperative, text, the expiry of their
 * cooperative's certificates and the due date of their yearly review, in code order. One query
 * whatever the filters; an absent filter is no condition.
 */
@Component
public class CodeList {
    private final JdbcClient jdbc;
    private final RegisterProperties props;

    public CodeList(JdbcClient jdbc, RegisterProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /**
     * What to list. {@code text}: part of the code or of the cooperative's name, any case; {@code
     * certificateExpiringBy}: codes whose cooperative's next active certificate ends on or before
     * it; {@code reviewDueBy}: issued codes whose review falls due on or before it.
     */
    public record Filter(
            List<CodeStatus> statuses,
            Optional<String> crop,
            Optional<String> cooperative,
            Optional<String> commune,
            Optional<String> text,
            Optional<LocalDate> certificateExpiringBy,
            Optional<LocalDate> reviewDueBy) {}

    /**
     * A code in the list: {@code issuedOn}, the last day it was issued or reinstated; {@code
     * reviewDueOn}, when its review falls due (issued codes only); {@code certificateValidTo}, when
     * the first of its cooperative's active certificates ends.
     */
    public record Row(
            String code,
            String organisation,
            String organisationName,
            String crop,
            String commune,
            CodeStatus status,
            BigDecimal areaHa,
            int plots,
            LocalDate issuedOn,
            LocalDate reviewDueOn,
            LocalDate certificateValidTo) {}

    /**
     * Every row the filter keeps, in code order, read {@code chunk} rows at a time: an export of the
     * whole register never holds it all in memory.
     */
    public void forEach(Filter f, LocalDate today, int chunk, java.util.function.Consumer<Row> each) {
        for (int offset = 0; ; offset += chunk) {
            List<Row> rows = find(f, today, chunk, offset);
            rows.forEach(each);
            if (rows.size() < chunk) return;
        }
    }

    public List<Row> find(Filter f, LocalDate today, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        params.add(props.reviewIntervalSql());
        params.add(Date.valueOf(today));
        StringBuilder where = new StringBuilder(" where true");
        if (!f.statuses().isEmpty()) {
            where.append(" and c.status in (")
                    .append(String.join(
                            ", ", f.statuses().stream().map(s -> "?").toList()))
                    .append(")");
            f.statuses().forEach(s -> params.add(s.name()));
        }
        f.crop().ifPresent(c -> {
            where.append(" and c.crop = ?");
            params.add(c);
        });
        f.cooperative().ifPresent(c -> {
            where.append(" and c.organisation_id = ?");
            params.add(c);
        });
        f.commune().ifPresent(c -> {
            where.append(" and c.commune = ?");
            params.add(c);
        });
        f.text().ifPresent(t -> {
            where.append(" and (c.code ilike ? escape '\\' or c.organisation_name ilike ? escape '\\')");
            String like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        });
        f.certificateExpiringBy().ifPresent(d -> {
            where.append(" and c.valid_to <= ?");
            params.add(Date.valueOf(d));
        });
        f.reviewDueBy().ifPresent(d -> {
            where.append(" and c.review_due <= ?");
            params.add(Date.valueOf(d));
        });
        params.add(limit);
        params.add(offset);
        String query = """
                select * from (
                  select c.code, c.organisation_id, o.name as organisation_name, c.crop, c.commune, c.status, c.area_ha,
                         (select count(*) from growing_area_code_plot p where p.code = c.code) as plots,
                         i.issued_on,
                         case when c.status = 'ISSUED'
                              then (greatest(i.issued_on, r.reviewed_on) + cast(? as interval))::date end as review_due,
                         x.valid_to
                    from growing_area_code c
                    join organisation o on o.id = c.organisation_id
                    left join (select code, max(effective_date) as issued_on from growing_area_code_event
                                where to_status = 'ISSUED' group by code) i on i.code = c.code
                    left join (select code, max(reviewed_on) as reviewed_on from code_review group by code) r
                           on r.code = c.code
                    left join (select holder_id, min(valid_to) as valid_to from certificate
                                where state = 'ACTIVE' and valid_to >= ? group by holder_id) x
                           on x.holder_id = c.organisation_id
                ) c""" + where + " order by c.code limit ? offset ?";
        return jdbc.sql(query)
                .params(params)
                .query((rs, i) -> new Row(
                        rs.getString("code"),
                        rs.getString("organisation_id"),
                        rs.getString("organisation_name"),
                        rs.getString("crop"),
                        rs.getString("commune"),
                        CodeStatus.valueOf(rs.getString("status")),
                        rs.getBigDecimal("area_ha"),
                        rs.getInt("plots"),
                        date(rs.getDate("issued_on")),
                        date(rs.getDate("review_due")),
                        date(rs.getDate("valid_to"))))
                .list();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
