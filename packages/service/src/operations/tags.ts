/** TagResource, UntagResource and ListTagsForResource, on state machines and activities (at most 50 tags). */
import { errors } from '../api/service-error.js';
import { optionalTags, requiredString, requiredStringList, type Body } from '../api/params.js';
import type { Tag } from '../store/service-store.js';
import type { Operation, OperationContext } from './context.js';

const MAX_TAGS = 50;

function resource(context: OperationContext, body: Body): string {
  const arn = requiredString(body, 'resourceArn');
  if (!context.store.getMachine(arn) && !context.store.getActivity(arn)) throw errors.resourceNotFound(arn);
  return arn;
}

export const tagResource: Operation = (context, body) => {
  const arn = resource(context, body);
  const added = optionalTags(body, 'tags') ?? [];
  const tags = new Map(context.store.tags(arn).map((tag): [string, Tag] => [tag.key, tag]));
  for (const tag of added) tags.set(tag.key, tag);
  if (tags.size > MAX_TAGS) throw errors.tooManyTags(arn);
  context.store.setTags(arn, [...tags.values()]);
  return {};
};

export const untagResource: Operation = (context, body) => {
  const arn = resource(context, body);
  const removed = new Set(requiredStringList(body, 'tagKeys'));
  context.store.setTags(
    arn,
    context.store.tags(arn).filter((tag) => !removed.has(tag.key)),
  );
  return {};
};

export const listTagsForResource: Operation = (context, body) => ({
  tags: [...context.store.tags(resource(context, body))],
});
