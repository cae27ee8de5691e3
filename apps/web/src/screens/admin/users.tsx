import { useState } from 'preact/hooks';
import type { AdminUser, Page, Role } from '../../api/types.js';
import { Pager } from '../../components/pager.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { updateQuery } from '../../query.js';
import type { Location } from '../../router.js';
import { useLoad } from '../../use-load.js';
import { useAction } from './use-action.js';

const ROLES: Role[] = ['collector', 'supervisor', 'admin'];

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

function RoleSelect({ value }: { value?: Role }) {
  const { t } = useApp();
  return (
    <select name="role" defaultValue={value ?? 'collector'}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const { api, t } = useApp();
  const action = useAction();
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const role = text(form, 'role') as Role;
    const created = await action.run(() =>
      api.json('/admin/users', {
        method: 'POST',
        json: {
          username: text(form, 'username'),
          fullName: text(form, 'fullName'),
          role,
          branchCode: role === 'admin' ? undefined : text(form, 'branchCode') || undefined,
          password: String(form.get('password') ?? ''),
        },
      }),
    );
    if (created) {
      formElement.reset();
      onCreated();
    }
  };
  return (
    <details class="panel">
      <summary>{t('users.new')}</summary>
      <form class="grid-form" onSubmit={submit}>
        <label>
          <span>{t('users.username')}</span>
          <input name="username" required pattern="[a-z0-9._\-]{3,32}" autocomplete="off" />
        </label>
        <label>
          <span>{t('users.fullName')}</span>
          <input name="fullName" required />
        </label>
        <label>
          <span>{t('users.role')}</span>
          <RoleSelect />
        </label>
        <label>
          <span>{t('users.branch')}</span>
          <input name="branchCode" size={8} />
        </label>
        <label>
          <span>{t('users.password')}</span>
          <input name="password" type="password" required minLength={8} maxLength={128} autocomplete="new-password" />
        </label>
        <button type="submit" disabled={action.busy}>
          {t('admin.create')}
        </button>
        <ProblemMessage problem={action.problem} />
      </form>
    </details>
  );
}

function EditUser({ user, onChanged, onClose }: { user: AdminUser; onChanged: () => void; onClose: () => void }) {
  const { api, t } = useApp();
  const action = useAction();
  const change = (path: string, method: string, json: unknown) =>
    action.run(() => api.json(`/admin/users/${user.id}${path}`, { method, json })).then((ok) => ok && onChanged());

  const saveProfile = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const role = text(form, 'role') as Role;
    void change('', 'PATCH', {
      fullName: text(form, 'fullName'),
      role,
      branchCode: role === 'admin' ? null : text(form, 'branchCode') || null,
      active: form.get('active') === 'on',
      mayBindDevices: form.get('mayBindDevices') === 'on',
    });
  };
  const setPassword = (event: Event): void => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    void change('/password', 'POST', { password: String(new FormData(formElement).get('password') ?? '') }).then(() => formElement.reset());
  };
  const setRange = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void change('/receipt-range', 'PUT', { prefix: text(form, 'prefix'), from: Number(text(form, 'from')), to: Number(text(form, 'to')) });
  };

  return (
    <section class="panel" aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">{t('users.editOf', { name: user.username })}</h2>
      <form class="grid-form" onSubmit={saveProfile} key={`${user.id}-profile`}>
        <label>
          <span>{t('users.fullName')}</span>
          <input name="fullName" defaultValue={user.fullName} required />
        </label>
        <label>
          <span>{t('users.role')}</span>
          <RoleSelect value={user.role} />
        </label>
        <label>
          <span>{t('users.branch')}</span>
          <input name="branchCode" defaultValue={user.branchCode ?? ''} size={8} />
        </label>
        <label class="check">
          <input type="checkbox" name="active" defaultChecked={user.active} />
          <span>{t('admin.active')}</span>
        </label>
        <label class="check">
          <input type="checkbox" name="mayBindDevices" defaultChecked={user.mayBindDevices} />
          <span>{t('users.mayBindDevices')}</span>
        </label>
        <button type="submit" disabled={action.busy}>
          {t('admin.save')}
        </button>
      </form>
      <form class="grid-form" onSubmit={setPassword}>
        <label>
          <span>{t('users.newPassword')}</span>
          <input name="password" type="password" required minLength={8} maxLength={128} autocomplete="new-password" />
        </label>
        <button type="submit" disabled={action.busy}>
          {t('users.setPassword')}
        </button>
      </form>
      {user.role === 'collector' && (
        <form class="grid-form" onSubmit={setRange} aria-label={t('users.receiptRange')}>
          <label>
            <span>{t('users.prefix')}</span>
            <input name="prefix" required size={6} defaultValue={user.receiptRange?.prefix ?? ''} />
          </label>
          <label>
            <span>{t('users.rangeFrom')}</span>
            <input name="from" type="number" min={1} max={999999} required defaultValue={String(user.receiptRange?.from ?? 1)} />
          </label>
          <label>
            <span>{t('users.rangeTo')}</span>
            <input name="to" type="number" min={1} max={999999} required defaultValue={String(user.receiptRange?.to ?? 500)} />
          </label>
          <button type="submit" disabled={action.busy}>
            {t('users.setRange')}
          </button>
        </form>
      )}
      <ProblemMessage problem={action.problem} />
      {action.done && <p role="status">{t('admin.saved')}</p>}
      <button type="button" onClick={onClose}>
        {t('admin.cancel')}
      </button>
    </section>
  );
}

export function Users({ location }: { location: Location }) {
  const { api, t } = useApp();
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const users = useLoad(() => api.json<Page<AdminUser>>('/admin/users', { query: { limit: 50, offset } }), [offset]);
  const [editing, setEditing] = useState<string | null>(null);
  const page = users.data;
  const selected = page?.items.find((user) => user.id === editing);
  return (
    <>
      <NewUser onCreated={users.reload} />
      <ProblemMessage problem={users.error} onRetry={users.reload} />
      {selected && <EditUser user={selected} onChanged={users.reload} onClose={() => setEditing(null)} />}
      {page && (
        <>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.fullName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.branch')}</th>
                  <th scope="col">{t('admin.active')}</th>
                  <th scope="col">{t('users.receiptRange')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {page.items.map((user) => (
                  <tr key={user.id} data-user={user.username}>
                    <th scope="row">{user.username}</th>
                    <td>{user.fullName}</td>
                    <td>{t(`role.${user.role}`)}</td>
                    <td>{user.branchCode ?? ''}</td>
                    <td>{user.active ? t('admin.yes') : t('admin.no')}</td>
                    <td>{user.receiptRange ? `${user.receiptRange.prefix} ${user.receiptRange.from}–${user.receiptRange.to}` : ''}</td>
                    <td>
                      <button type="button" onClick={() => setEditing(user.id)} aria-label={t('users.editOf', { name: user.username })}>
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={(next) => updateQuery(location, { offset: next || '' })} />
        </>
      )}
    </>
  );
}
