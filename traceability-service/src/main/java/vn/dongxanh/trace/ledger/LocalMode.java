package vn.dongxanh.trace.ledger;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code dx.trace.ledger.mode} is LOCAL (the default). */
public class LocalMode implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                        .bind("dx.trace.ledger.mode", LedgerProperties.Mode.class)
                        .orElse(LedgerProperties.Mode.LOCAL)
                == LedgerProperties.Mode.LOCAL;
    }
}
