import { askedLangs } from './i18n';
import { TicketApp } from './ticket-app';
import { mount, tokenOf } from './token-page';
import './styles.css';

mount(<TicketApp token={tokenOf(window.location, 't')} asked={askedLangs(window.location.search)} browser={navigator.languages} />);
