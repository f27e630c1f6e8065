/** CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask (long polling). */
import { activityArn, checkActivityArn, checkName } from '../api/arns.js';
import { errors } from '../api/service-error.js';
import { optionalString, optionalTags, requiredString } from '../api/params.js';
import { pageResponse, paginate } from '../api/pagination.js';
import { epochSeconds, type Operation } from './context.js';

export const createActivity: Operation = (context, body) => {
  const name = requiredString(body, 'name');
  checkName(name);
  const tags = optionalTags(body, 'tags') ?? [];
  const arn = activityArn(context.location, name);
  // CreateActivity is idempotent: the same name gives the existing activity.
  const existing = context.store.getActivity(arn);
  if (existing) return { activityArn: arn, creationDate: epochSeconds(existing.creationDate) };
  const record = { arn, name, creationDate: Date.now() };
  context.store.putActivity(record);
  if (tags.length > 0) context.store.setTags(arn, tags);
  return { activityArn: arn, creationDate: epochSeconds(record.creationDate) };
};

export const describeActivity: Operation = (context, body) => {
  const arn = checkActivityArn(requiredString(body, 'activityArn'));
  const record = context.store.getActivity(arn);
  if (!record) throw errors.activityDoesNotExist(arn);
  return { activityArn: arn, name: record.name, creationDate: epochSeconds(record.creationDate) };
};

export const deleteActivity: Operation = (context, body) => {
  context.store.deleteActivity(checkActivityArn(requiredString(body, 'activityArn')));
  return {};
};

export const listActivities: Operation = (context, body) => {
  const all = [...context.store.listActivities()].sort((a, b) => a.name.localeCompare(b.name));
  return pageResponse(
    'activities',
    paginate(all, body, 'activities', (record) => record.arn),
    (record) => ({
      activityArn: record.arn,
      name: record.name,
      creationDate: epochSeconds(record.creationDate),
    }),
  );
};

export const getActivityTask: Operation = async (context, body, signal) => {
  const arn = checkActivityArn(requiredString(body, 'activityArn'));
  if (!context.store.getActivity(arn)) throw errors.activityDoesNotExist(arn);
  const workerName = optionalString(body, 'workerName');
  const task = await context.runtime.activities.poll(arn, workerName, context.activityPollMs, signal);
  // No task within the poll: an empty answer (the SDKs give taskToken undefined), as AWS's.
  return task ?? {};
};
