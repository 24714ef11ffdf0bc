import {
	GraphQLError,
	Kind,
	TypeInfo,
	print,
	visit,
	visitWithTypeInfo,
	type ASTNode,
	type DocumentNode,
	type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

import { copyOf } from '../mask-errors';
import { isSingleResult } from './single-result';

/**
 * graphql-js quotes what the caller wrote in some of its messages, and what a caller writes may be
 * a password typed inline or bound to a variable: "String cannot represent a non string value:
 * 31415926", `Variable "$password" got invalid value […]`, `Expected Name, found String "…"`. Those
 * messages are replaced with fixed wording that names the argument, variable or token kind and the
 * expected type, never the value. The location (line and column) is kept.
 */
export function useNoInputEchoes(): Plugin {
	return {
		onParse() {
			return ({ result, replaceParseResult }) => {
				if (result instanceof GraphQLError) replaceParseResult(withoutQuotedToken(result));
			};
		},
		onValidate({ params }) {
			return ({ valid, result, setResult }) => {
				if (!valid) setResult(withoutQuotedValues(result, params.schema, params.documentAST));
			};
		},
		onExecute() {
			return {
				onExecuteDone({ result, setResult }) {
					if (!isSingleResult(result) || !result.errors?.length) return;
					setResult({ ...result, errors: result.errors.map(withoutVariableValue) });
				},
			};
		},
	};
}

/** Token kinds whose description includes the token's text, e.g. `String "hunter2"`. */
const QUOTED_TOKEN = /\b(Name|Int|Float|String|BlockString|Comment) ".*"/s;
/** Lexer messages that end in a piece of the source: `Invalid character escape sequence: "\q".` */
const QUOTED_SOURCE = /^(Syntax Error: (?:Invalid [^:]+|Unexpected character)): .*$/s;

function withoutQuotedToken(error: GraphQLError): GraphQLError {
	const message = error.message.replace(QUOTED_SOURCE, '$1.').replace(QUOTED_TOKEN, '$1');
	return message === error.message ? error : copyOf(error, { message });
}

const VARIABLE_VALUE = /^(Variable "\$[^"]+") got invalid value /;

/** Coercing variables at execution: `Variable "$password" got invalid value 90417723; String cannot …`. */
function withoutVariableValue(error: GraphQLError): GraphQLError {
	const variable = VARIABLE_VALUE.exec(error.message);
	if (!variable) return error;
	return copyOf(error, { message: `${variable[1]} got an invalid value.`, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
}

const LITERAL_KINDS: ReadonlySet<string> = new Set([
	Kind.INT,
	Kind.FLOAT,
	Kind.STRING,
	Kind.BOOLEAN,
	Kind.NULL,
	Kind.ENUM,
	Kind.LIST,
	Kind.OBJECT,
	Kind.OBJECT_FIELD,
]);

interface ValueSlot {
	/** e.g. `Argument "password"`. */
	name: string;
	/** e.g. `String!`. */
	type: string;
	start: number;
	end: number;
}

/** Errors about a literal in the document (ValuesOfCorrectTypeRule) name the argument and its type instead of the literal. */
function withoutQuotedValues(errors: readonly Error[], schema: GraphQLSchema, document: DocumentNode): Error[] {
	let slots: ValueSlot[] | undefined;
	return errors.map((error) => {
		const node: ASTNode | undefined = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
		if (!(error instanceof GraphQLError) || !node || !LITERAL_KINDS.has(node.kind)) return error;
		slots ??= valueSlots(schema, document);
		const start = node.loc?.start ?? -1;
		const slot = slots.find((candidate) => candidate.start <= start && start < candidate.end);
		return copyOf(error, {
			message: slot ? `${slot.name} has an invalid value: expected type "${slot.type}".` : 'A value in the document has an invalid type.',
		});
	});
}

/** Where each argument value and variable default sits in the document, with the type it must have. */
function valueSlots(schema: GraphQLSchema, document: DocumentNode): ValueSlot[] {
	const typeInfo = new TypeInfo(schema);
	const slots: ValueSlot[] = [];
	const add = (name: string, type: string, value: ASTNode) => {
		if (value.loc) slots.push({ name, type, start: value.loc.start, end: value.loc.end });
	};
	visit(
		document,
		visitWithTypeInfo(typeInfo, {
			Argument(node) {
				const argument = typeInfo.getArgument();
				if (argument) add(`Argument "${argument.name}"`, String(argument.type), node.value);
			},
			VariableDefinition(node) {
				if (node.defaultValue) add(`The default value of variable "$${node.variable.name.value}"`, print(node.type), node.defaultValue);
			},
		}),
	);
	return slots;
}
