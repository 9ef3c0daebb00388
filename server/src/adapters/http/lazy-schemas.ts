import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type ValidatorFactory = ReturnType<typeof ValidatorSelector>;
type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Validate = ReturnType<ReturnType<ValidatorFactory>>;

export interface LazySchemas {
  /** for Fastify's `schemaController.compilersFactory` */
  compilersFactory: { buildValidator: ValidatorFactory; buildSerializer: SerializerFactory };
  /** compiles every schema not compiled yet (the test that proves they all compile); throws what the first broken one throws */
  compileAll: () => number;
}

/**
 * Before it listens, Fastify compiles every route's request validators (Ajv) and response
 * serializers (fast-json-stringify): about a third of the server's start-up, for routes that may
 * not be used all day. These factories give Fastify its own compilers with the same options,
 * each compiled when its route first needs it.
 */
export function lazySchemas(): LazySchemas {
  const pending = new Set<() => unknown>();
  const lazily = <F>(compile: () => F): (() => F) => {
    let compiled: F | undefined;
    const get = (): F => {
      if (compiled === undefined) {
        compiled = compile();
        pending.delete(get);
      }
      return compiled;
    };
    pending.add(get);
    return get;
  };
  return {
    compilersFactory: {
      buildValidator: (externalSchemas, ajvOptions) => {
        const compiler = ValidatorSelector()(externalSchemas, ajvOptions);
        return (route) => {
          const get = lazily(() => compiler(route) as unknown as ((data: unknown) => unknown) & { errors?: unknown });
          // Fastify reads a validator's `errors` after a failed call, where Ajv leaves them
          const validate = (data: unknown): unknown => {
            const fn = get();
            const ok = fn(data);
            validate.errors = fn.errors;
            return ok;
          };
          validate.errors = undefined as unknown;
          return validate as unknown as Validate;
        };
      },
      buildSerializer: (externalSchemas, serializerOptions) => {
        const compiler = SerializerSelector()(externalSchemas, serializerOptions);
        return (route) => {
          const get = lazily(() => compiler(route));
          return (doc: unknown) => get()(doc);
        };
      },
    },
    compileAll: () => {
      const all = [...pending];
      for (const get of all) get();
      return all.length;
    },
  };
}
