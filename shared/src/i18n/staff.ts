/**
 * The keys the staff kit's own components (shared/web/staff: bar, sign-in, site choice) and its
 * `errorText` read: every staff page's catalogue has them, each in the page's own wording.
 */
export type StaffKey =
  | 'app.title'
  | 'language.switch'
  | 'connecting'
  | 'offline'
  | 'signin.heading'
  | 'signin.username'
  | 'signin.password'
  | 'signin.submit'
  | 'signin.busy'
  | 'signout'
  | 'site.choose'
  | 'error.LOCKED_OUT'
  | 'error.generic';
