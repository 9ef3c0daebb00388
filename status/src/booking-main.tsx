import { askedLangs } from './i18n';
import { BookingApp } from './booking-app';
import { mount, tokenOf } from './token-page';
import './styles.css';

mount(<BookingApp token={tokenOf(window.location, 'b')} asked={askedLangs(window.location.search)} browser={navigator.languages} />);
