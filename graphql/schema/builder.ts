import SchemaBuilder, { type ObjectRef } from '@pothos/core';

import type { GraphQLContext } from '../context';

export interface SchemaTypes {
	Context: GraphQLContext;
	DefaultFieldNullability: false;
	Scalars: {
		DateTime: { Input: Date; Output: Date | number };
	};
}

export type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;
export type Builder = PothosSchemaTypes.SchemaBuilder<Types>;
export type Ref<Shape> = ObjectRef<Types, Shape>;

export function createBuilder(): Builder {
	// Fields are non-null unless they say otherwise, as in the schema graphql/README.md#auth-the-schema shows.
	return new SchemaBuilder<SchemaTypes>({ defaultFieldNullability: false });
}
