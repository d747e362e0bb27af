public class T1 { [Fact] public void A() => Assert.Equal(2, 1+1); }
