package com.usersplatform.infra.args;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component's args record: RecordBuilder generates {@code <Record>Builder} next to it at compile time, and the
 * record exposes it as {@code builder()}. The rules every such builder follows, in this one place:
 * <ul>
 *   <li>every reference component is required: {@code build()} throws {@link NullPointerException}
 *       "{@code <field> is required}" when it was left unset (numbers that must be given are boxed for this);</li>
 *   <li>a component with a default names it with {@link RecordBuilder.Initializer} (a public constant of the record,
 *       documented there);</li>
 *   <li>a {@code List}, {@code Set} or {@code Map} left unset is empty, and is copied immutably;</li>
 *   <li>an {@code Optional} left unset is empty, and has a second setter taking the bare value.</li>
 * </ul>
 * No positional factory and no withers are generated: the builder is the one way to make the record besides its
 * canonical constructor.
 *
 * @see <a href="https://github.com/Randgalt/record-builder/blob/master/docs/options.md">RecordBuilder options</a>
 */
@RecordBuilder.Template(options = @RecordBuilder.Options(
        interpretNotNulls = true,
        defaultNotNull = true,
        useImmutableCollections = true,
        addConcreteSettersForOptional = true,
        addStaticBuilder = false,
        enableWither = false))
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface ComponentArgs {
}
